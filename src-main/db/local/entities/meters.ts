import { EntitySchema } from 'typeorm'

export type MeterStatus = 'active' | 'removed'
export type ReadingSource = 'web' | 'phone' | 'paper' | 'inspector'

export interface MeterRow {
  id: number
  accountId: number
  serial: string
  place: string
  installedOn: string
  verificationDue: string
  /** Digits before the decimal point: the value rolls over to zero after 10^digits − 1. */
  digits: number
  status: MeterStatus
  removedOn: string | null
}

export const MeterEntity = new EntitySchema<MeterRow>({
  name: 'Meter',
  tableName: 'meters',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id' },
    serial: { type: 'text' },
    place: { type: 'text' },
    installedOn: { type: 'text', name: 'installed_on' },
    verificationDue: { type: 'text', name: 'verification_due' },
    digits: { type: 'integer' },
    status: { type: 'text' },
    removedOn: { type: 'text', name: 'removed_on', nullable: true },
  },
  indices: [{ name: 'meters_account', columns: ['accountId'] }],
})

export interface ReadingRow {
  id: number
  meterId: number
  /** Billing period 'YYYY-MM' the reading counts for (docs/business-rules.md, the 2nd-of-the-month rule). */
  period: string
  valueMilli: number
  receivedAt: string
  source: ReadingSource
  late: boolean
  flags: string | null
  enteredBy: number | null
  overriddenBy: number | null
  overrideReason: string | null
}

export const ReadingEntity = new EntitySchema<ReadingRow>({
  name: 'Reading',
  tableName: 'readings',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    meterId: { type: 'integer', name: 'meter_id' },
    period: { type: 'text' },
    valueMilli: { type: 'integer', name: 'value_milli' },
    receivedAt: { type: 'text', name: 'received_at' },
    source: { type: 'text' },
    late: { type: 'boolean', default: false },
    flags: { type: 'text', nullable: true },
    enteredBy: { type: 'integer', name: 'entered_by', nullable: true },
    overriddenBy: { type: 'integer', name: 'overridden_by', nullable: true },
    overrideReason: { type: 'text', name: 'override_reason', nullable: true },
  },
  uniques: [{ columns: ['meterId', 'period'] }],
})
