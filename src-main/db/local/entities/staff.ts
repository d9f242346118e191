import { EntitySchema } from 'typeorm'
import type { Role } from '@shared/contract'

export interface StaffRow {
  id: number
  login: string
  fullName: string
  role: Role
  passwordHash: string
  active: boolean
  failedAttempts: number
  lockedUntil: string | null
  /** When this console last checked the password with the central service (offline sign-in window). */
  onlineVerifiedAt: string | null
  createdAt: string
  updatedAt: string
}

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'Staff',
  tableName: 'staff',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    login: { type: 'text', unique: true },
    fullName: { type: 'text', name: 'full_name' },
    role: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    active: { type: 'boolean', default: true },
    failedAttempts: { type: 'integer', name: 'failed_attempts', default: 0 },
    lockedUntil: { type: 'text', name: 'locked_until', nullable: true },
    onlineVerifiedAt: { type: 'text', name: 'online_verified_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
