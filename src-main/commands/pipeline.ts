import { randomUUID } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { CentralCommandName, CentralPayloadSent } from '@shared/central/commands'
import { entityKey } from '@shared/central/row-keys'
import type { StaffRef } from '@shared/contract'
import type { Clock } from '../clock'
import type { AppEventBus } from '../events'
import type { CommandProof } from '../modules/auth/person-keys'

/** One row of the audit trail a command leaves: what it touched, as it was and as it became. */
export interface AuditChange {
  entity: string
  entityId: string | number
  before: unknown
  after: unknown
  /**
   * The row key sync knows the row by (shared/central/row-keys), when it is not `entity:entityId`:
   * staff rows are named by login everywhere, since local ids differ between consoles.
   */
  rowKey?: string
}

export interface CommandContext {
  commandId: string
  staff: StaffRef | null
  /** ISO timestamp of this command, the same in every row it writes. */
  at: string
}

export interface CommandOutcome<R> {
  result: R
  changes: AuditChange[]
}

/**
 * A mutation (docs/architecture.md#data-and-change). `apply` runs inside one synchronous SQLite
 * transaction and throws to refuse, which rolls everything back: a refused command changes nothing.
 */
export interface Command<I, R, P = unknown> {
  name: string
  /**
   * What the central database needs to replay it; `null` for console-local bookkeeping such as
   * failed sign-in counters, which are audited but are nobody else's business.
   */
  outboxPayload: ((input: I, result: R) => P) | null
  apply(db: BetterSqlite3.Database, input: I, ctx: CommandContext): CommandOutcome<R>
}

/** A console-local command: audited here, never sent (a sync setting, a draft, a sign-in counter). */
export function defineCommand<I, R>(command: Command<I, R> & { outboxPayload: null }): Command<I, R> {
  return command
}

/**
 * A command the central database replays. Its payload is typed by the shared definition of the
 * command of that name (shared/central/commands.ts), the schema the service checks it against on
 * arrival, so a misspelt or missing field is a compile error here, not a refusal in the service.
 * Curried so that the name fixes the payload type while the input and result stay written out.
 */
export function defineSyncedCommand<N extends CentralCommandName>(name: N) {
  return <I, R>(
    command: Omit<Command<I, R>, 'name' | 'outboxPayload'> & {
      outboxPayload: (input: I, result: R) => CentralPayloadSent<N>
    },
  ): SyncedCommand<I, R, N> => ({ ...command, name })
}

export type SyncedCommand<I, R, N extends CentralCommandName> = Command<I, R, CentralPayloadSent<N>> & {
  name: N
  outboxPayload: (input: I, result: R) => CentralPayloadSent<N>
}

export interface RunOptions {
  staff: StaffRef | null
  /** Supplied when the renderer generated the id, so that a retried call is recognised. */
  commandId?: string
}

/**
 * Proves a queued command's author (docs/central-service.md#proof-of-person): their open key signs it
 * as it is written. Null when nothing can prove it (a console working alone, or nobody's key open):
 * the service then refuses it as unproven.
 */
export type CommandProver = (
  staff: StaffRef,
  fields: { commandId: string; command: string; payload: unknown; madeAt: string },
) => CommandProof | null

export class CommandPipeline {
  private readonly insertAudit: BetterSqlite3.Statement
  private readonly insertOutbox: BetterSqlite3.Statement
  private readonly insertOutboxKey: BetterSqlite3.Statement

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly clock: Clock,
    private readonly events: AppEventBus,
    private readonly prover: CommandProver = () => null,
  ) {
    this.insertAudit = db.prepare(`INSERT INTO audit_log
      (at, staff_id, staff_login, command, command_id, entity, entity_id, before_json, after_json)
      VALUES (@at, @staffId, @staffLogin, @command, @commandId, @entity, @entityId, @before, @after)`)
    this.insertOutbox =
      db.prepare(`INSERT INTO outbox (command_id, command, payload_json, staff_id, created_at, proof_key,
        proof_signature, proof_chain, session_proof)
      VALUES (@commandId, @command, @payload, @staffId, @at, @proofKey, @proofSignature, @proofChain,
        @sessionProof)`)
    this.insertOutboxKey = db.prepare(
      `INSERT OR IGNORE INTO outbox_keys (entity_key, outbox_seq) VALUES (?, ?)`,
    )
  }

  run<I, R>(command: Command<I, R>, input: I, options: RunOptions): R {
    const ctx: CommandContext = {
      commandId: options.commandId ?? randomUUID(),
      staff: options.staff,
      at: this.clock.now().toISOString(),
    }
    // What the outbox carries is the console's only copy until the central database answers: its
    // commit waits for the disk (synchronous=FULL), so a power cut cannot take it back. Everything
    // else (the mirror's pages, which can be pulled again) commits at WAL's NORMAL.
    const durable = command.outboxPayload !== null
    if (durable) this.db.pragma('synchronous = FULL')
    try {
      return this.runInTransaction(command, input, ctx)
    } finally {
      if (durable) this.db.pragma('synchronous = NORMAL')
    }
  }

  private runInTransaction<I, R>(command: Command<I, R>, input: I, ctx: CommandContext): R {
    const touched = new Set<string>()
    const result = this.db.transaction(() => {
      const outcome = command.apply(this.db, input, ctx)
      for (const change of outcome.changes) touched.add(change.entity)
      for (const change of outcome.changes) {
        this.insertAudit.run({
          at: ctx.at,
          staffId: ctx.staff?.id ?? null,
          staffLogin: ctx.staff?.login ?? null,
          command: command.name,
          commandId: ctx.commandId,
          entity: change.entity,
          entityId: String(change.entityId),
          before: toJson(change.before),
          after: toJson(change.after),
        })
      }
      // A command that changed nothing (closing what was never open) leaves nothing to send.
      if (command.outboxPayload && outcome.changes.length > 0) {
        const payload = JSON.stringify(command.outboxPayload(input, outcome.result))
        const proof = ctx.staff
          ? this.prover(ctx.staff, {
              commandId: ctx.commandId,
              command: command.name,
              // As the service will read it: the payload's JSON text, parsed.
              payload: JSON.parse(payload) as unknown,
              madeAt: ctx.at,
            })
          : null
        const { lastInsertRowid } = this.insertOutbox.run({
          commandId: ctx.commandId,
          command: command.name,
          payload,
          staffId: ctx.staff?.id ?? null,
          at: ctx.at,
          proofKey: proof?.key ?? null,
          proofSignature: proof?.signature ?? null,
          proofChain: proof?.chain ?? null,
          sessionProof: proof?.sessionProof ?? null,
        })
        // The rows this command changed stay as the console made them until the central database answers.
        for (const change of outcome.changes)
          this.insertOutboxKey.run(
            change.rowKey ?? entityKey(change.entity, change.entityId),
            lastInsertRowid,
          )
      }
      return outcome.result
    })()
    if (command.outboxPayload) this.events.emit('outbox.changed', undefined)
    if (touched.size) this.events.emit('data.changed', { entities: [...touched] })
    return result
  }
}

export { entityKey } from '@shared/central/row-keys'

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}
