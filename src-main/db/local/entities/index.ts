import { AccountEntity, OwnerHistoryEntity } from './accounts'
import { AuditLogEntity } from './audit-log'
import { CabinetEntity, ChargeEntity, PaymentEntity } from './billing'
import { MeterEntity, ReadingEntity } from './meters'
import { OutboxEntity } from './outbox'
import { ReadingBatchEntity, ReadingBatchFormEntity } from './reading-batches'
import { SettingEntity } from './settings'
import { StaffEntity } from './staff'

export const localEntities = [
  StaffEntity,
  SettingEntity,
  AuditLogEntity,
  OutboxEntity,
  AccountEntity,
  OwnerHistoryEntity,
  MeterEntity,
  ReadingEntity,
  ChargeEntity,
  PaymentEntity,
  CabinetEntity,
  ReadingBatchEntity,
  ReadingBatchFormEntity,
]
export * from './accounts'
export * from './audit-log'
export * from './billing'
export * from './meters'
export * from './outbox'
export * from './reading-batches'
export * from './settings'
export * from './staff'
