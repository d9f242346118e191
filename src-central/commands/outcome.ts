import type pg from 'pg'
import type { CommandOutcome } from '@shared/central/api'
import type { CentralCommandName, CentralPayload } from '@shared/central/commands'
import type { Role } from '@shared/contract'

/** Who sent a command and under which id: the id makes a second delivery harmless. */
export interface CentralCommandContext {
  commandId: string
  consoleId: string
  /** The command's author, already checked to be active and allowed (see apply-batch). */
  staffLogin: string | null
  /** The author's central role when they made it (proven); null for the console's own work. */
  staffRole: Role | null
  /** When the person made it on the console (ISO): rules about "today" are judged as of then. */
  madeAt: string
}

/**
 * The person behind a command, for rules shared with the console that take `{ login, role }`. Every
 * command with a role list for authors has one (apply-batch refuses it otherwise).
 */
export function authorOf(ctx: CentralCommandContext): { login: string; role: Role } {
  if (ctx.staffLogin === null || ctx.staffRole === null) throw new Error(`${ctx.commandId}: no proven author`)
  return { login: ctx.staffLogin, role: ctx.staffRole }
}

/** What the central service made of one command. */
export type CentralOutcome = CommandOutcome

/** How the service applies one command; typed from the shared command contract, so no casts. */
export type CentralHandler<C extends CentralCommandName> = (
  client: pg.ClientBase,
  payload: CentralPayload<C>,
  ctx: CentralCommandContext,
) => Promise<CentralOutcome>

export type CentralHandlers<C extends CentralCommandName> = { [K in C]: CentralHandler<K> }

export const APPLIED: CentralOutcome = { outcome: 'applied' }
export const refused = (code: string, more: Record<string, unknown> = {}): CentralOutcome => ({
  outcome: 'refused',
  detail: { code, ...more },
})

export async function raiseConflict(
  client: pg.ClientBase,
  ctx: CentralCommandContext,
  conflict: {
    kind: 'readingValue' | 'accountField'
    entityKey: string
    field?: string
    central: unknown
    console: unknown
  },
) {
  await client.query(
    `INSERT INTO sync_conflicts (kind, entity_key, field, central_value, console_value, command_id, console_id, raised_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      conflict.kind,
      conflict.entityKey,
      conflict.field ?? null,
      JSON.stringify(conflict.central),
      JSON.stringify(conflict.console),
      ctx.commandId,
      ctx.consoleId,
      ctx.staffLogin,
    ],
  )
}

/**
 * A staff member's name for a "decided by … at …" refusal. Looked up on its own, after the row lock:
 * a join in the locking query would be evaluated against the row as it was before the lock waited.
 */
export async function staffName(client: pg.ClientBase, login: string | null): Promise<string | null> {
  if (!login) return null
  const { rows } = await client.query<{ full_name: string }>(`SELECT full_name FROM staff WHERE login = $1`, [
    login,
  ])
  return rows[0]?.full_name ?? login
}
