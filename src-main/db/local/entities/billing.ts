import { EntitySchema } from 'typeorm'

/** Private houses have the "extended" cabinet: charges and payments (docs/business-rules.md). Money in kopecks. */
export interface ChargeRow {
  id: number
  accountId: number
  period: string
  service: 'water' | 'sewerage'
  amountKopecks: number
}

export const ChargeEntity = new EntitySchema<ChargeRow>({
  name: 'Charge',
  tableName: 'charges',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id' },
    period: { type: 'text' },
    service: { type: 'text' },
    amountKopecks: { type: 'integer', name: 'amount_kopecks' },
  },
  indices: [{ name: 'charges_account', columns: ['accountId', 'period'] }],
})

export interface PaymentRow {
  id: number
  accountId: number
  paidOn: string
  amountKopecks: number
  channel: string
}

export const PaymentEntity = new EntitySchema<PaymentRow>({
  name: 'Payment',
  tableName: 'payments',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id' },
    paidOn: { type: 'text', name: 'paid_on' },
    amountKopecks: { type: 'integer', name: 'amount_kopecks' },
    channel: { type: 'text' },
  },
  indices: [{ name: 'payments_account', columns: ['accountId', 'paidOn'] }],
})

export type CabinetState = 'pending' | 'confirmed' | 'active' | 'rejected' | 'revoked'

export interface CabinetRow {
  accountId: number
  email: string
  state: CabinetState
  updatedAt: string
}

export const CabinetEntity = new EntitySchema<CabinetRow>({
  name: 'Cabinet',
  tableName: 'cabinets',
  columns: {
    accountId: { type: 'integer', primary: true, name: 'account_id' },
    email: { type: 'text' },
    state: { type: 'text' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
