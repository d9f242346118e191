import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import { CENTRAL_COMMANDS, type CentralOutcome } from './central-commands'
import { readCentralRows } from './central-rows'
import type { LocalMirror } from './local-mirror'

export interface PushReport {
  applied: number
  refused: number
  conflicts: number
}

interface QueuedCommand {
  seq: number
  commandId: string
  command: string
  payloadJson: string
  staffLogin: string | null
}

/** PostgreSQL error classes that mean "this command's data is wrong", not "the server is away". */
const DATA_ERROR = /^(22|23|42)/

/**
 * Sends this console's queued commands to the central database, oldest first, in batches of one
 * transaction each (see `applyBatch`: a refused command never leaves a partial effect). Each
 * command's id is recorded with its outcome in the same transaction as its effect, so a batch sent
 * twice (a crash after the central commit, before the local mark) has one effect and the same answer.
 * Afterwards the console takes the central state of every row those commands touched.
 */
export async function pushPending(
  db: BetterSqlite3.Database,
  pool: pg.Pool,
  mirror: LocalMirror,
  consoleId: string,
  batchSize = 500,
): Promise<PushReport> {
  const report: PushReport = { applied: 0, refused: 0, conflicts: 0 }
  const queued = db
    .prepare(
      `SELECT o.seq, o.command_id AS commandId, o.command, o.payload_json AS payloadJson, s.login AS staffLogin
      FROM outbox o LEFT JOIN staff s ON s.id = o.staff_id WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?`,
    )
    .all(batchSize) as QueuedCommand[]
  if (queued.length === 0) return report

  const client = await pool.connect()
  // A connection dropped between two queries surfaces at the next query; never as an uncaught event.
  const ignore = () => undefined
  client.on('error', ignore)
  let outcomes: Map<number, CentralOutcome>
  let keys: string[] = []
  try {
    // Refusals are rare: the batch runs first without a savepoint per command; if anything in it is
    // refused, the batch is rolled back whole and run again command by command behind savepoints.
    outcomes =
      (await applyBatch(client, queued, consoleId, 'fast')) ??
      (await applyBatch(client, queued, consoleId, 'careful'))!
    keys = db
      .prepare(`SELECT entity_key FROM outbox_keys WHERE outbox_seq IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(queued.map((c) => c.seq))) as string[]
  } finally {
    client.off('error', ignore)
    client.release()
  }

  const centralRows = await readCentralRows(pool, keys)
  const mark = db.prepare(`UPDATE outbox SET state = ?, refusal_json = ? WHERE seq = ?`)
  mirror.applyWith(
    centralRows,
    () => {
      for (const [seq, outcome] of outcomes) {
        report[
          outcome.outcome === 'applied' ? 'applied' : outcome.outcome === 'refused' ? 'refused' : 'conflicts'
        ] += 1
        mark.run(
          outcome.outcome === 'refused' ? 'refused' : 'applied',
          outcome.outcome === 'applied'
            ? null
            : JSON.stringify({ outcome: outcome.outcome, ...outcome.detail }),
          seq,
        )
      }
    },
    { force: true },
  )
  return report
}

/**
 * One transaction for the whole batch. `fast`: no savepoints, so any refusal (whose partial writes
 * could not be undone alone) abandons the batch and answers null. `careful`: a savepoint per command,
 * so a refused command rolls back alone.
 */
async function applyBatch(
  client: pg.ClientBase,
  queued: QueuedCommand[],
  consoleId: string,
  mode: 'fast' | 'careful',
): Promise<Map<number, CentralOutcome> | null> {
  const outcomes = new Map<number, CentralOutcome>()
  try {
    await client.query('BEGIN')
    if (mode === 'careful') {
      for (const command of queued) outcomes.set(command.seq, await applyOne(client, command, consoleId))
    } else {
      const fresh = await claimCommands(client, queued, consoleId)
      for (const command of queued) {
        const outcome = fresh.has(command.commandId)
          ? await runHandler(client, command, consoleId)
          : await previousOutcome(client, command.commandId)
        if (fresh.has(command.commandId) && outcome.outcome === 'refused') {
          await client.query('ROLLBACK')
          return null
        }
        if (fresh.has(command.commandId) && outcome.outcome === 'conflict')
          await recordConflict(client, command, outcome)
        outcomes.set(command.seq, outcome)
      }
    }
    await client.query('COMMIT')
    return outcomes
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (mode === 'fast' && DATA_ERROR.test(String((error as { code?: string }).code ?? ''))) return null
    throw error
  }
}

/** Records every command of the batch as applied in one statement; answers the ids seen for the first time. */
async function claimCommands(client: pg.ClientBase, queued: QueuedCommand[], consoleId: string) {
  const { rows } = await client.query<{ command_id: string }>(
    `INSERT INTO applied_commands (command_id, console_id, command, staff_login, outcome)
    SELECT id, $1, command, staff, 'applied' FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c (id, command, staff)
    ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
    [
      consoleId,
      queued.map((c) => c.commandId),
      queued.map((c) => c.command),
      queued.map((c) => c.staffLogin),
    ],
  )
  return new Set(rows.map((r) => r.command_id))
}

/** A command sent before (a retry after a crash or a lost answer): the same answer, no second effect. */
async function previousOutcome(client: pg.ClientBase, commandId: string): Promise<CentralOutcome> {
  const { rows } = await client.query<{ outcome: CentralOutcome['outcome']; detail: never }>(
    `SELECT outcome, detail FROM applied_commands WHERE command_id = $1`,
    [commandId],
  )
  return { outcome: rows[0]!.outcome, detail: rows[0]!.detail } as CentralOutcome
}

async function recordConflict(client: pg.ClientBase, command: QueuedCommand, outcome: CentralOutcome) {
  if (outcome.outcome !== 'conflict') return
  await client.query(`UPDATE applied_commands SET outcome = 'conflict', detail = $2 WHERE command_id = $1`, [
    command.commandId,
    JSON.stringify(outcome.detail),
  ])
}

/** The command's handler; an unknown command is refused, never dropped silently. */
async function runHandler(
  client: pg.ClientBase,
  command: QueuedCommand,
  consoleId: string,
): Promise<CentralOutcome> {
  const handler = CENTRAL_COMMANDS[command.command]
  if (!handler) return { outcome: 'refused', detail: { code: 'UNKNOWN_COMMAND', command: command.command } }
  return handler(client, JSON.parse(command.payloadJson) as never, {
    commandId: command.commandId,
    consoleId,
    staffLogin: command.staffLogin,
  })
}

async function applyOne(
  client: pg.ClientBase,
  command: QueuedCommand,
  consoleId: string,
): Promise<CentralOutcome> {
  await client.query('SAVEPOINT command')
  const fresh = await claimCommands(client, [command], consoleId)
  if (!fresh.has(command.commandId)) {
    await client.query('RELEASE SAVEPOINT command')
    return previousOutcome(client, command.commandId)
  }
  let outcome: CentralOutcome
  try {
    outcome = await runHandler(client, command, consoleId)
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (!DATA_ERROR.test(code)) throw error
    outcome = { outcome: 'refused', detail: { code: 'CENTRAL_REJECTED', reason: (error as Error).message } }
  }
  if (outcome.outcome === 'refused') {
    // Nothing of a refused command stays, except the record that it was refused and why.
    await client.query('ROLLBACK TO SAVEPOINT command')
    await client.query(
      `INSERT INTO applied_commands (command_id, console_id, command, staff_login, outcome, detail)
      VALUES ($1, $2, $3, $4, 'refused', $5)`,
      [command.commandId, consoleId, command.command, command.staffLogin, JSON.stringify(outcome.detail)],
    )
  } else await recordConflict(client, command, outcome)
  await client.query('RELEASE SAVEPOINT command')
  return outcome
}
