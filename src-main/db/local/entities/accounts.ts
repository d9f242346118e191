import { EntitySchema } from 'typeorm'

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

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: { type: 'text', unique: true },
    eircNumber: { type: 'text', name: 'eirc_number', unique: true },
    surname: { type: 'text' },
    firstName: { type: 'text', name: 'first_name' },
    patronymic: { type: 'text', nullable: true },
    district: { type: 'text' },
    street: { type: 'text' },
    house: { type: 'text' },
    building: { type: 'text', nullable: true },
    apartment: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    phoneDigits: { type: 'text', name: 'phone_digits', nullable: true, select: false },
    email: { type: 'text', nullable: true },
    houseType: { type: 'text', name: 'house_type' },
    status: { type: 'text' },
    openedOn: { type: 'text', name: 'opened_on' },
    closedOn: { type: 'text', name: 'closed_on', nullable: true },
    version: { type: 'integer', default: 1 },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface OwnerHistoryRow {
  id: number
  accountId: number
  surname: string
  firstName: string
  patronymic: string | null
  ownedFrom: string
  ownedTo: string | null
}

export const OwnerHistoryEntity = new EntitySchema<OwnerHistoryRow>({
  name: 'OwnerHistory',
  tableName: 'owner_history',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    accountId: { type: 'integer', name: 'account_id' },
    surname: { type: 'text' },
    firstName: { type: 'text', name: 'first_name' },
    patronymic: { type: 'text', nullable: true },
    ownedFrom: { type: 'text', name: 'owned_from' },
    ownedTo: { type: 'text', name: 'owned_to', nullable: true },
  },
  indices: [{ name: 'owner_history_account', columns: ['accountId', 'ownedFrom'] }],
})
