import type BetterSqlite3 from 'better-sqlite3'
import type { MadeAlone } from '@shared/central/command-proof'
import type { MadeAloneItem } from '@shared/contract'
import { defineCommand, type AuditChange } from '../commands/pipeline'
import { AppError } from '../errors'
import { AUDIT_COLUMNS, type AuditRow } from '../modules/audit/audit-query'
import { AuditLines } from '../modules/audit/audit-lines'
import type { CommandProof } from '../modules/auth/person-keys'

/**
 * Work made while this console worked alone (docs/central-service.md#work-made-before-enrolment). Its
 * people are this console's own, not central staff, so nothing they did may go up under their names.
 * At enrolment their queued commands are set aside here; the approving supervisor accepts each (it
 * goes up under the supervisor's own proof, saying whose work it was) or discards it. Staff
 * management made alone never goes up at all: the central staff are managed centrally.
 */
const STAFF_MANAGEMENT = new Set([
  'staff.create',
  'staff.resetPassword',
  'staff.deactivate',
  'staff.update',
  'staff.changeOwnPassword',
  'auth.setupFirstSupervisor',
])

/**
 * Called in the enrolment's transaction when a console that worked alone is enrolled: every queued
 * person's command moves out of the outbox; staff management is dropped. Returns how many were set
 * aside.
 */
export function setAsideMadeAlone(db: BetterSqlite3.Database): number {
  const queued = db
    .prepare<
      [],
      {
        seq: number
        commandId: string
        command: string
        payloadJson: string
        login: string | null
        fullName: string | null
        createdAt: string
      }
    >(
      `SELECT o.seq, o.command_id AS commandId, o.command, o.payload_json AS payloadJson, s.login,
        s.full_name AS fullName, o.created_at AS createdAt
      FROM outbox o LEFT JOIN staff s ON s.id = o.staff_id WHERE o.state = 'pending' ORDER BY o.seq`,
    )
    .all()
  const keysOf = db
    .prepare<[number], string>(`SELECT entity_key FROM outbox_keys WHERE outbox_seq = ?`)
    .pluck()
  const keep = db.prepare(`INSERT INTO made_alone (command_id, seq, command, payload_json, keys_json,
    made_by_login, made_by_name, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const forgetKeys = db.prepare(`DELETE FROM outbox_keys WHERE outbox_seq = ?`)
  const forget = db.prepare(`DELETE FROM outbox WHERE seq = ?`)
  let setAside = 0
  for (const row of queued) {
    const dropped = STAFF_MANAGEMENT.has(row.command)
    // The console's own automatic work (no person behind it) stays queued as it was.
    if (!dropped && (row.login === null || row.fullName === null)) continue
    if (!dropped) {
      keep.run(
        row.commandId,
        row.seq,
        row.command,
        row.payloadJson,
        JSON.stringify(keysOf.all(row.seq)),
        row.login,
        row.fullName,
        row.createdAt,
      )
      setAside += 1
    }
    forgetKeys.run(row.seq)
    forget.run(row.seq)
  }
  return setAside
}

interface MadeAloneRow {
  commandId: string
  command: string
  payloadJson: string
  keysJson: string
  login: string
  fullName: string
  madeAt: string
}

const SELECT_MADE_ALONE = `SELECT command_id AS commandId, command, payload_json AS payloadJson,
  keys_json AS keysJson, made_by_login AS login, made_by_name AS fullName, made_at AS madeAt FROM made_alone`

/** The work waiting for the supervisor, in the order it was made, each in the Журнал's words. */
export function listMadeAlone(db: BetterSqlite3.Database): MadeAloneItem[] {
  const rows = db.prepare<[], MadeAloneRow>(`${SELECT_MADE_ALONE} ORDER BY seq`).all()
  const audit = db.prepare<[string], AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE command_id = ? ORDER BY id`,
  )
  const lines = new AuditLines(db)
  return rows.map((row) => ({
    commandId: row.commandId,
    command: row.command,
    madeBy: row.fullName,
    madeAt: row.madeAt,
    lines: audit.all(row.commandId).map((line) => lines.line(line)),
  }))
}

/** The items to accept, each with what the supervisor's key signed for it. */
export interface Acceptance {
  at: string
  items: { commandId: string; proof: CommandProof }[]
}

/** What the supervisor's key must sign to accept an item: the command as it goes up now. */
export function acceptanceFields(db: BetterSqlite3.Database, commandIds: string[], at: string) {
  const find = db.prepare<[string], MadeAloneRow>(`${SELECT_MADE_ALONE} WHERE command_id = ?`)
  return commandIds.map((commandId) => {
    const row = find.get(commandId)
    if (!row) throw new AppError('MADE_ALONE_NOT_FOUND')
    const madeAlone: MadeAlone = { login: row.login, fullName: row.fullName, madeAt: row.madeAt }
    return {
      commandId,
      command: row.command,
      payload: JSON.parse(row.payloadJson) as unknown,
      madeAt: at,
      madeAlone,
    }
  })
}

/**
 * The supervisor accepts: each item goes back into the outbox, in the order it was made, as the
 * supervisor's command (their proof, made now) carrying whose work it was.
 */
export const acceptMadeAlone = defineCommand<Acceptance, { accepted: number }>({
  name: 'sync.acceptMadeAlone',
  outboxPayload: null,
  apply(db, input, ctx) {
    const find = db.prepare<[string], MadeAloneRow & { seq: number }>(
      `${SELECT_MADE_ALONE.replace('SELECT ', 'SELECT seq, ')} WHERE command_id = ?`,
    )
    const queue = db.prepare(`INSERT INTO outbox (command_id, command, payload_json, staff_id, created_at,
      proof_key, proof_signature, proof_chain, made_alone_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const protect = db.prepare(`INSERT OR IGNORE INTO outbox_keys (entity_key, outbox_seq) VALUES (?, ?)`)
    const done = db.prepare(`DELETE FROM made_alone WHERE command_id = ?`)
    const rows = input.items.map((item) => {
      const row = find.get(item.commandId)
      if (!row) throw new AppError('MADE_ALONE_NOT_FOUND')
      return { row, proof: item.proof }
    })
    const changes: AuditChange[] = []
    for (const { row, proof } of rows.sort((a, b) => a.row.seq - b.row.seq)) {
      const madeAlone: MadeAlone = { login: row.login, fullName: row.fullName, madeAt: row.madeAt }
      const { lastInsertRowid } = queue.run(
        row.commandId,
        row.command,
        row.payloadJson,
        ctx.staff!.id,
        input.at,
        proof.key,
        proof.signature,
        proof.chain,
        JSON.stringify(madeAlone),
      )
      for (const key of JSON.parse(row.keysJson) as string[]) protect.run(key, lastInsertRowid)
      done.run(row.commandId)
      changes.push(madeAloneChange(row, 'accepted'))
    }
    return { result: { accepted: rows.length }, changes }
  },
})

/** The supervisor discards: the items never go up; the Журнал keeps what was done and that it was dropped. */
export const discardMadeAlone = defineCommand<{ commandIds: string[] }, { discarded: number }>({
  name: 'sync.discardMadeAlone',
  outboxPayload: null,
  apply(db, input) {
    const find = db.prepare<[string], MadeAloneRow>(`${SELECT_MADE_ALONE} WHERE command_id = ?`)
    const done = db.prepare(`DELETE FROM made_alone WHERE command_id = ?`)
    const changes = input.commandIds.map((commandId) => {
      const row = find.get(commandId)
      if (!row) throw new AppError('MADE_ALONE_NOT_FOUND')
      done.run(commandId)
      return madeAloneChange(row, 'discarded')
    })
    return { result: { discarded: changes.length }, changes }
  },
})

const madeAloneChange = (row: MadeAloneRow, outcome: 'accepted' | 'discarded'): AuditChange => ({
  entity: 'madeAlone',
  entityId: row.commandId,
  before: { command: row.command, madeBy: row.fullName, madeAt: row.madeAt },
  after: { outcome },
})
