import { defineSyncedCommand, type AuditChange } from '../../commands/pipeline'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { findStaffByLogin } from '../staff/staff-queries'
import { registrationClaimKey, registrationReader } from './registration-queue'

export type RegistrationDecision =
  | { registrationId: number; decision: 'confirm' }
  | { registrationId: number; decision: 'reject'; reason: string }

/**
 * A clerk confirms a web registration (the cabinet becomes "confirmed" and the activation letter is queued
 * centrally) or rejects it with a reason the subscriber will read (docs/business-rules.md#web-registrations).
 * Only a registration whose checks all pass can be confirmed: activating a cabinet opens the owner's personal
 * data (152-FZ), so a mismatch is rejected and the subscriber registers again with the right data. The
 * central database re-checks and decides between consoles.
 */
export const decideRegistration = defineSyncedCommand('registrations.decide')<
  RegistrationDecision,
  { accountId: number | null }
>({
  outboxPayload: (input) => ({
    registrationId: input.registrationId,
    decision: input.decision,
    reason: input.decision === 'reject' ? input.reason : null,
  }),
  apply(db, input, ctx) {
    const staff = ctx.staff!
    const reader = registrationReader(db)
    const row = reader.require(input.registrationId)
    if (row.state !== 'pending') {
      // Usually pulled from another console already: say who, by name, as the central refusal would.
      const by = row.decidedBy ? (findStaffByLogin(db, row.decidedBy)?.fullName ?? row.decidedBy) : null
      throw new AppError('ALREADY_DECIDED', { by, at: row.decidedAt })
    }
    const holder = claimHolder(db, registrationClaimKey(row.id), staff.login, new Date(ctx.at))
    if (holder) throw new AppError('ALREADY_CLAIMED', { by: holder.fullName, at: holder.since })
    const item = reader.item(row, staff.login, new Date(ctx.at))
    const changes: AuditChange[] = []
    if (input.decision === 'confirm') {
      if (!item.allPassed || !item.owner)
        throw new AppError('REGISTRATION_CHECKS_FAILED', {
          checks: item.checks
            .filter((c) => !c.passed)
            .map((c) => c.code)
            .join(','),
        })
      db.prepare(
        `INSERT INTO cabinets (account_id, email, state, updated_at) VALUES (?, ?, 'confirmed', ?)
        ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, state = 'confirmed', updated_at = excluded.updated_at`,
      ).run(item.owner.accountId, row.email, ctx.at)
      changes.push({
        entity: 'cabinet',
        entityId: item.owner.accountId,
        before: item.owner.cabinetState ? { state: item.owner.cabinetState } : null,
        after: { state: 'confirmed', email: row.email },
      })
    }
    const state = input.decision === 'confirm' ? 'confirmed' : 'rejected'
    const reason = input.decision === 'reject' ? input.reason : null
    db.prepare(
      `UPDATE web_registrations SET state = ?, decided_by = ?, decided_at = ?, reject_reason = ? WHERE id = ?`,
    ).run(state, staff.login, ctx.at, reason, row.id)
    db.prepare(`DELETE FROM claims WHERE entity_key = ?`).run(registrationClaimKey(row.id))
    changes.push({
      entity: 'webRegistration',
      entityId: row.id,
      before: { state: 'pending' },
      after: { state, reason, accountNumber: row.accountNumber, email: row.email },
    })
    // The account's history shows the decision too.
    if (item.owner)
      changes.push({
        entity: 'account',
        entityId: item.owner.accountId,
        before: null,
        after: { registration: state, email: row.email, reason },
      })
    return { result: { accountId: item.owner?.accountId ?? null }, changes }
  },
})
