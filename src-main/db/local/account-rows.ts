/**
 * Accounts, meters, readings and billing as the console's code handles them in camelCase: the demo
 * city the seed builds, a search hit's columns, the tests' builders. The tables themselves are the
 * migrations' (`migrations/`); their synced columns and types are the table catalogue's
 * (`shared/central/table-catalogue.ts`).
 */

export type HouseType = 'mkd' | 'private'

export type AccountStatus = 'active' | 'closed'

export interface AccountRow {
  id: number
  /** Vodokanal's own account number; never the EIRC one (docs/business-rules.md#accounts). */
  number: string
  eircNumber: string
  surname: string
  firstName: string
  patronymic: string | null
  district: string
  street: string
  house: string
  building: string | null
  apartment: string | null
  phone: string | null
  /** Filled by a trigger: the phone's national ten digits, for search whatever the formatting. */
  phoneDigits?: string | null
  email: string | null
  houseType: HouseType
  status: AccountStatus
  openedOn: string
  closedOn: string | null
  version: number
  updatedAt: string
}

export interface OwnerHistoryRow {
  id: number
  accountId: number
  surname: string
  firstName: string
  patronymic: string | null
  ownedFrom: string
  ownedTo: string | null
}

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

/** Private houses have the "extended" cabinet: charges and payments (docs/business-rules.md). Money in kopecks. */
export interface ChargeRow {
  id: number
  accountId: number
  period: string
  service: 'water' | 'sewerage'
  amountKopecks: number
}

export interface PaymentRow {
  id: number
  accountId: number
  paidOn: string
  amountKopecks: number
  channel: string
}
