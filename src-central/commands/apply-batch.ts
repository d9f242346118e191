import type pg from 'pg'
import type { CommandOutcome, PushAnswer, PushedCommand } from '@shared/central/api'
import {
  centralCommands,
  isCentralCommandName,
  needsOnlineSession,
  type CentralCommandName,
} from '@shared/central/commands'
import { sessionProofMatches } from '../auth/session-proof'
import { refusedFields, type Role } from '@shared/contract'
import { appendAudit, type AuditEntry } from '../audit/audit-trail'
import {
  checkProof,
  isProofProblem,
  readPersonKeys,
  verifySignatures,
  type PersonKeys,
} from '../auth/person-keys'
import { readCentralRows } from '../feed/central-rows'
import { CENTRAL_COMMANDS } from '.'
import { BATCHED, type BatchHandler } from './batched'
import { refused, type CentralCommandContext } from './outcome'

/** PostgreSQL error classes that mean "this command's data is wrong", not "the server is away". */
const DATA_ERROR = /^(22|23|42)/

/** A staff member's role and standing from a moment on (the `staff_history` table). */
interface Standing {
  role: Role
  active: boolean
  since: number
}

/** Each author's standings, oldest first; null for a login the central staff does not know. */
type Authors = Map<string, Standing[] | null>

/** What a batch's commands are judged against, read once per batch: who stood how, and their keys. */
interface Judging {
  authors: Authors
  keys: PersonKeys
  consoleId: string
  now: number
  /** The commands whose signature covers what arrived, by the key their proof names. */
  signed: Set<string>
  /** Each proven command's author's role when they made it, by command id. */
  roles: Map<string, Role>
  /** The hashes of the live online sessions on this console, by login (staff management needs one). */
  sessions: Map<string, string[]>
  /** Whether a staff password hash a command carries was made at the product's cost. */
  acceptsPasswordHash: (hash: string) => boolean
  /** Authors who must change the password a supervisor gave them, from when (database time). */
  mustChange: Map<string, number>
}

/** What the service lets a batch rely on besides the database: its clock and its password policy. */
export interface BatchPolicy {
  clock?: { now(): Date } | null
  acceptsPasswordHash?: (hash: string) => boolean
}

async function readJudging(
  client: pg.ClientBase,
  consoleId: string,
  commands: PushedCommand[],
  policy: BatchPolicy,
  signed: Set<string>,
): Promise<Judging> {
  const clock = policy.clock ?? null
  // The database's clock, unless the service was given one: the keys' times and the staff's
  // standings are written by it.
  const now = clock
    ? clock.now().getTime()
    : Number(
        (await client.query<{ now: number }>(`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now`))
          .rows[0]!.now,
      )
  return {
    authors: await readAuthors(client, commands),
    keys: await readPersonKeys(client, commands),
    consoleId,
    now,
    signed,
    roles: new Map(),
    sessions: await readSessions(client, consoleId, commands),
    acceptsPasswordHash: policy.acceptsPasswordHash ?? (() => true),
    mustChange: await readMustChange(client, commands),
  }
}

/** The authors in the batch who must still change a password given to them, and since when. */
async function readMustChange(
  client: pg.ClientBase,
  commands: PushedCommand[],
): Promise<Map<string, number>> {
  const logins = [...new Set(commands.flatMap((c) => (c.author ? [c.author] : [])))]
  if (!logins.length) return new Map()
  const { rows } = await client.query<{ login: string; since: Date }>(
    `SELECT login, password_changed_at AS since FROM staff WHERE login = ANY($1::text[]) AND must_change_password`,
    [logins],
  )
  return new Map(rows.map((row) => [row.login, row.since.getTime()]))
}

/** The live session tokens' hashes of the authors of commands that need one, on this console. */
async function readSessions(
  client: pg.ClientBase,
  consoleId: string,
  commands: PushedCommand[],
): Promise<Map<string, string[]>> {
  const logins = [
    ...new Set(commands.filter((c) => needsOnlineSession(c.command) && c.author).map((c) => c.author!)),
  ]
  const sessions = new Map<string, string[]>()
  if (logins.length === 0) return sessions
  const { rows } = await client.query<{ login: string; token_hash: string }>(
    `SELECT login, token_hash FROM staff_tokens
    WHERE console_id = $1 AND login = ANY($2::text[]) AND expires_at > now()`,
    [consoleId, logins],
  )
  for (const row of rows) sessions.set(row.login, [...(sessions.get(row.login) ?? []), row.token_hash])
  return sessions
}

/**
 * Applies a console's pushed commands, oldest first, in one transaction (docs/central-service.md; the
 * central service). Each command is checked on arrival: its payload against the shared contract, its
 * author against the central staff as they stood when the command was made (active, and in a role
 * allowed for that command): work typed offline before a demotion still counts, work typed after
 * it does not. Each command's
 * id is recorded with its outcome in the same transaction as its effect, so a batch sent twice has one
 * effect and the same answer. Every fresh outcome goes into the central audit trail with the author,
 * the console and the console's own before/after, and the answer carries the central images of every
 * row the commands touched.
 *
 * The batch runs first without a savepoint per command; if anything in it is refused, it is rolled
 * back whole and run again behind a savepoint per command, so a refusal never leaves a partial effect.
 */
export async function applyPushedBatch(
  pool: pg.Pool,
  consoleId: string,
  commands: PushedCommand[],
  after: string | null = null,
  policy: BatchPolicy = {},
): Promise<PushAnswer> {
  const signed = await verifySignatures(commands, consoleId)
  const client = await pool.connect()
  const ignore = () => undefined
  client.on('error', ignore)
  try {
    const answer =
      (await applyBatch(client, consoleId, commands, after, policy, signed, 'fast')) ??
      (await applyBatch(client, consoleId, commands, after, policy, signed, 'careful'))!
    return answer
  } finally {
    client.off('error', ignore)
    client.release()
  }
}

async function applyBatch(
  client: pg.ClientBase,
  consoleId: string,
  commands: PushedCommand[],
  after: string | null,
  policy: BatchPolicy,
  signed: Set<string>,
  mode: 'fast' | 'careful',
): Promise<PushAnswer | null> {
  const outcomes: PushAnswer['outcomes'] = []
  const audit: AuditEntry[] = []
  try {
    await client.query('BEGIN')
    await waitForPredecessor(client, consoleId, after)
    const judging = await readJudging(client, consoleId, commands, policy, signed)
    const fresh = mode === 'fast' ? await claimCommands(client, consoleId, commands) : null
    for (let i = 0; i < commands.length;) {
      const run = mode === 'fast' ? batchableRun(commands, i, fresh!, judging) : null
      if (run) {
        const answers = await runBatched(client, judging, run)
        for (const [k, outcome] of answers.entries()) {
          const command = run.commands[k]!
          if (outcome.outcome === 'refused') {
            await client.query('ROLLBACK')
            return null
          }
          if (outcome.outcome === 'conflict') await recordOutcome(client, command, outcome)
          outcomes.push({ commandId: command.commandId, ...outcome })
          audit.push(auditEntry(consoleId, command, outcome))
        }
        i += run.commands.length
        continue
      }
      const command = commands[i++]!
      let outcome: CommandOutcome
      let isFresh: boolean
      if (mode === 'careful') {
        ;({ outcome, isFresh } = await applyOne(client, consoleId, command, judging, commands))
      } else {
        isFresh = fresh!.has(command.commandId)
        outcome = isFresh
          ? await runChecked(client, consoleId, command, judging, commands)
          : await previousOutcome(client, command.commandId)
        if (isFresh && outcome.outcome === 'refused') {
          await client.query('ROLLBACK')
          return null
        }
        if (isFresh && outcome.outcome === 'conflict') await recordOutcome(client, command, outcome)
      }
      outcomes.push({ commandId: command.commandId, ...outcome })
      if (isFresh) audit.push(auditEntry(consoleId, command, outcome))
    }
    // Read inside the transaction: the images are exactly what this batch left.
    const rows = await readCentralRows(
      client,
      commands.flatMap((c) => c.keys),
    )
    await appendAudit(client, audit)
    await client.query('COMMIT')
    return { outcomes, rows }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (error instanceof PushOutOfOrder) throw error
    if (mode === 'fast' && DATA_ERROR.test(String((error as { code?: string }).code ?? ''))) return null
    throw error
  }
}

/** A batch that arrived before the one it follows was applied (see `waitForPredecessor`). */
export class PushOutOfOrder extends Error {
  constructor() {
    super('PUSH_OUT_OF_ORDER')
  }
}

/**
 * A console keeps two batches in flight (the next travels and is checked while the service applies
 * the one before), but they must take effect in the order made: an edit can depend on the one before
 * it. Each console's batches take turns on a transaction-level lock, whichever service instance has
 * them; one that names a predecessor without an outcome yet (it arrived first, or the earlier batch
 * failed) is sent back, and the console sends it again once the earlier one is answered.
 */
async function waitForPredecessor(client: pg.ClientBase, consoleId: string, after: string | null) {
  await client.query(`SELECT pg_advisory_xact_lock(7163003, hashtext($1))`, [consoleId])
  if (after === null) return
  const { rows } = await client.query(`SELECT 1 FROM applied_commands WHERE command_id = $1`, [after])
  if (rows.length === 0) throw new PushOutOfOrder()
}

function auditEntry(consoleId: string, command: PushedCommand, outcome: CommandOutcome): AuditEntry {
  return {
    action: 'command',
    staffLogin: command.author,
    consoleId,
    commandId: command.commandId,
    detail: {
      command: command.command,
      outcome: outcome.outcome,
      ...(outcome.outcome === 'applied' ? {} : { refusal: outcome.detail }),
      madeAt: command.madeAt,
      // Made while the console worked alone, by a person of that console; the author accepted it.
      ...(command.madeAlone ? { madeAlone: command.madeAlone } : {}),
      // The console's own audit rows of this command: who changed what, as it was and as it became.
      changes: command.audit,
    },
  }
}

interface BatchableRun {
  name: CentralCommandName
  commands: PushedCommand[]
  payloads: unknown[]
}

/**
 * Consecutive fresh commands of one kind that has a batch handler, each with an allowed author and a
 * valid payload; null when fewer than two (the one-by-one path then answers, refusals included).
 */
function batchableRun(
  commands: PushedCommand[],
  from: number,
  fresh: Set<string>,
  judging: Judging,
): BatchableRun | null {
  const first = commands[from]!
  if (!isCentralCommandName(first.command) || !BATCHED[first.command]) return null
  const name = first.command
  const run: BatchableRun = { name, commands: [], payloads: [] }
  for (let i = from; i < commands.length; i++) {
    const command = commands[i]!
    if (command.command !== name || !fresh.has(command.commandId) || refusal(command, judging)) break
    const parsed = centralCommands[name].payload.safeParse(command.payload)
    if (!parsed.success) break
    run.commands.push(command)
    run.payloads.push(parsed.data)
  }
  return run.commands.length > 1 ? run : null
}

async function runBatched(client: pg.ClientBase, judging: Judging, run: BatchableRun) {
  const handler = BATCHED[run.name] as BatchHandler<typeof run.name>
  return handler(
    client,
    run.commands.map((command, k) => ({
      payload: run.payloads[k] as never,
      ctx: contextOf(command, judging),
    })),
  )
}

function contextOf(command: PushedCommand, judging: Judging): CentralCommandContext {
  return {
    commandId: command.commandId,
    consoleId: judging.consoleId,
    staffLogin: command.author,
    staffRole: judging.roles.get(command.commandId) ?? null,
    madeAt: command.madeAt,
  }
}

/** The standing history of every author in the batch, read once. */
async function readAuthors(client: pg.ClientBase, commands: PushedCommand[]): Promise<Authors> {
  const logins = [...new Set(commands.map((c) => c.author).filter((a): a is string => a !== null))]
  const authors: Authors = new Map(logins.map((login) => [login, null]))
  if (logins.length === 0) return authors
  const { rows } = await client.query<{ login: string; role: Role; active: boolean; since: number }>(
    `SELECT login, role, active,
      CASE WHEN since = '-infinity' THEN '-Infinity'::float8 ELSE extract(epoch FROM since) * 1000 END AS since
    FROM staff_history WHERE login = ANY($1::text[]) ORDER BY login, since, id`,
    [logins],
  )
  for (const row of rows) {
    const standing = { role: row.role, active: row.active, since: Number(row.since) }
    const history = authors.get(row.login)
    if (history) history.push(standing)
    else authors.set(row.login, [standing])
  }
  return authors
}

/**
 * How the author stood when the command was made (in the service's time, from its proof): the last
 * change at or before it. A time before their first record counts as their first standing.
 */
function standingAt(history: Standing[], at: number): Standing {
  let standing = history[0]!
  for (const s of history) if (s.since <= at) standing = s
  return standing
}

/**
 * Why the command may not run, or null. The same words as the router's (`shared/contract` roles):
 * the service is the authority on who may do what, whatever a console claims. A person's command
 * counts only with their proof (docs/central-service.md#proof-of-person): the console's own key
 * proves the console, never a person.
 */
function refusal(command: PushedCommand, judging: Judging): CommandOutcome | null {
  if (!isCentralCommandName(command.command))
    return refused('UNKNOWN_COMMAND', { command: command.command.slice(0, 64) })
  const def = centralCommands[command.command]
  if (def.authors === 'never') return refused('FIRST_RUN_LOCAL_ONLY', { login: command.author })
  if (def.authors === 'console') return null
  const history = command.author ? judging.authors.get(command.author) : null
  if (!history) return refused('AUTHOR_NOT_CENTRAL', { login: command.author })
  const proof = checkProof(command, judging.consoleId, judging.keys, judging.signed, judging.now)
  if (!proof.proven) return refused(proof.problem, { login: command.author })
  // A person signed in with a password a supervisor gave may only change it
  // (docs/central-service.md#proof-of-person): a key made since that password was given proves nothing else.
  const mustChangeSince = judging.mustChange.get(command.author!)
  const key = judging.keys.get(command.proof!.key)
  if (
    mustChangeSince !== undefined &&
    key &&
    key.validFrom >= mustChangeSince &&
    command.command !== 'staff.changeOwnPassword'
  )
    return refused('PASSWORD_CHANGE_REQUIRED', { login: command.author })
  const author = standingAt(history, proof.madeAt)
  judging.roles.set(command.commandId, author.role)
  if (!author.active) return refused('STAFF_INACTIVE', { login: command.author })
  if (!def.authors.includes(author.role))
    return refused('FORBIDDEN', { login: command.author, role: author.role })
  // Work made while the console worked alone goes up only as a supervisor's acceptance of it.
  if (command.madeAlone && author.role !== 'supervisor')
    return refused('FORBIDDEN', { login: command.author, role: author.role })
  if (def.onlineSession && !inLiveSession(command, judging))
    return refused('ONLINE_SESSION_NEEDED', { login: command.author })
  return null
}

function inLiveSession(command: PushedCommand, judging: Judging): boolean {
  const proof = command.sessionProof
  const hashes = command.author ? judging.sessions.get(command.author) : undefined
  return !!proof && !!hashes?.some((hash) => sessionProofMatches(proof, hash, command.commandId))
}

async function runChecked(
  client: pg.ClientBase,
  consoleId: string,
  command: PushedCommand,
  judging: Judging,
  batch: PushedCommand[],
): Promise<CommandOutcome> {
  const refused_ = refusal(command, judging)
  if (refused_) return refused_
  const name = command.command as CentralCommandName
  const parsed = centralCommands[name].payload.safeParse(command.payload)
  if (!parsed.success) {
    return refused('INVALID_INPUT', { fields: refusedFields(parsed.error, '(payload)') })
  }
  // A staff password hash made at another cost than the product's is refused, whoever signed it.
  const hash = (parsed.data as { passwordHash?: unknown }).passwordHash
  if (typeof hash === 'string' && !judging.acceptsPasswordHash(hash))
    return refused('INVALID_INPUT', { fields: 'passwordHash' })
  const outcome = await runHandler(client, name, parsed.data, contextOf(command, judging))
  // A staff change inside the batch is seen by the batch's later commands, with the keys it revoked.
  if (outcome.outcome === 'applied' && name.startsWith('staff.'))
    Object.assign(judging, {
      authors: await readAuthors(client, batch),
      keys: await readPersonKeys(client, batch),
      mustChange: await readMustChange(client, batch),
    })
  return outcome
}

/** Dispatches to the command's handler with its own payload type; the one place the union is narrowed. */
function runHandler<C extends CentralCommandName>(
  client: pg.ClientBase,
  name: C,
  payload: unknown,
  ctx: CentralCommandContext,
) {
  const handler = CENTRAL_COMMANDS[name] as (
    client: pg.ClientBase,
    payload: unknown,
    ctx: CentralCommandContext,
  ) => Promise<CommandOutcome>
  return handler(client, payload, ctx)
}

/** Records every command of the batch as applied in one statement; answers the ids seen for the first time. */
async function claimCommands(client: pg.ClientBase, consoleId: string, commands: PushedCommand[]) {
  const { rows } = await client.query<{ command_id: string }>(
    `INSERT INTO applied_commands (command_id, console_id, command, staff_login, outcome)
    SELECT id, $1, command, staff, 'applied' FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c (id, command, staff)
    ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
    [
      consoleId,
      commands.map((c) => c.commandId),
      commands.map((c) => c.command),
      commands.map((c) => c.author),
    ],
  )
  return new Set(rows.map((r) => r.command_id))
}

/** A command sent before (a retry after a crash or a lost answer): the same answer, no second effect. */
async function previousOutcome(client: pg.ClientBase, commandId: string): Promise<CommandOutcome> {
  const { rows } = await client.query<{ outcome: CommandOutcome['outcome']; detail: never }>(
    `SELECT outcome, detail FROM applied_commands WHERE command_id = $1`,
    [commandId],
  )
  return { outcome: rows[0]!.outcome, detail: rows[0]!.detail } as CommandOutcome
}

async function recordOutcome(client: pg.ClientBase, command: PushedCommand, outcome: CommandOutcome) {
  if (outcome.outcome === 'applied') return
  await client.query(`UPDATE applied_commands SET outcome = $2, detail = $3 WHERE command_id = $1`, [
    command.commandId,
    outcome.outcome,
    JSON.stringify(outcome.detail),
  ])
}

async function applyOne(
  client: pg.ClientBase,
  consoleId: string,
  command: PushedCommand,
  judging: Judging,
  batch: PushedCommand[],
): Promise<{ outcome: CommandOutcome; isFresh: boolean }> {
  await client.query('SAVEPOINT command')
  const fresh = await claimCommands(client, consoleId, [command])
  if (!fresh.has(command.commandId)) {
    await client.query('RELEASE SAVEPOINT command')
    return { outcome: await previousOutcome(client, command.commandId), isFresh: false }
  }
  let outcome: CommandOutcome
  try {
    outcome = await runChecked(client, consoleId, command, judging, batch)
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (!DATA_ERROR.test(code)) throw error
    outcome = refused('CENTRAL_REJECTED', { reason: (error as Error).message })
  }
  if (outcome.outcome === 'refused') {
    // Nothing of a refused command stays, except the record that it was refused and why. An unproven
    // one is not its author's, so its id is not taken: a copy altered on the way cannot spend the id
    // of the genuine command (the audit trail still records the attempt).
    await client.query('ROLLBACK TO SAVEPOINT command')
    if (!isProofProblem(outcome.detail.code))
      await client.query(
        `INSERT INTO applied_commands (command_id, console_id, command, staff_login, outcome, detail)
        VALUES ($1, $2, $3, $4, 'refused', $5)`,
        [command.commandId, consoleId, command.command, command.author, JSON.stringify(outcome.detail)],
      )
  } else await recordOutcome(client, command, outcome)
  await client.query('RELEASE SAVEPOINT command')
  return { outcome, isFresh: true }
}
