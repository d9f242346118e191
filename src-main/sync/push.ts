import type BetterSqlite3 from 'better-sqlite3'
import type { PushAnswer, PushedCommand } from '@shared/central/api'
import { ServiceRefused, type CentralClient, type PreparedRequest } from './central-client'
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
  author: string | null
  createdAt: string
  keys: string | null
  audit: string | null
  proofKey: string | null
  proofSignature: string | null
  proofChain: string | null
  sessionProof: string | null
  madeAloneJson: string | null
}

/**
 * Sends this console's queued commands to the central service, oldest first, `batchSize` at a time,
 * each with its author, its row keys and its own audit rows, until none is left. The service applies
 * a batch in one transaction and answers each command's outcome with the central images of the rows
 * they touched; marks and images are written here in one local transaction. Two batches are in
 * flight: the next one travels and is checked by the service while it applies the one before, and
 * names that one (`after`), so the service still applies them one after another, in order. A batch
 * sent back as out of order (it overtook the one before) is sent again once that one is answered. A
 * batch sent twice (a crash after the service's commit, before the local mark) has one effect and the
 * same answer.
 */
export async function pushPending(
  db: BetterSqlite3.Database,
  client: CentralClient,
  mirror: LocalMirror,
  batchSize = PUSH_BATCH_SIZE,
): Promise<PushReport> {
  const report: PushReport = { applied: 0, refused: 0, conflicts: 0 }
  const queuedAfter = db.prepare(
    `SELECT o.seq, o.command_id AS commandId, o.command, o.payload_json AS payloadJson, s.login AS author,
      o.created_at AS createdAt, o.proof_key AS proofKey, o.proof_signature AS proofSignature,
      o.proof_chain AS proofChain,      o.session_proof AS sessionProof, o.made_alone_json AS madeAloneJson,
      (SELECT json_group_array(k.entity_key) FROM outbox_keys k WHERE k.outbox_seq = o.seq) AS keys,
      (SELECT json_group_array(json_object('entity', a.entity, 'entityId', a.entity_id,
        'before', json(a.before_json), 'after', json(a.after_json)))
        FROM audit_log a WHERE a.command_id = o.command_id) AS audit
    FROM outbox o LEFT JOIN staff s ON s.id = o.staff_id
    WHERE o.state = 'pending' AND o.seq > ? ORDER BY o.seq LIMIT ?`,
  )
  const send = (batch: InFlight) => {
    batch.answer = client.send<PushAnswer>(batch.request)
    // Awaited in turn; until then a failure must not count as unhandled.
    batch.answer.catch(() => undefined)
    return batch
  }
  const after = (previous: InFlight | null) => {
    const queued = withinBytes(queuedAfter.all(previous?.lastSeq ?? 0, batchSize) as QueuedCommand[])
    if (!queued.length) return null
    const request = client.preparePush(queued.map(pushedCommand), previous?.lastCommandId ?? null)
    const last = queued[queued.length - 1]!
    return send({ queued, request, lastSeq: last.seq, lastCommandId: last.commandId, answer: null })
  }
  let current = after(null)
  let next = current && after(current)
  while (current) {
    let got: PushAnswer
    try {
      got = await current.answer!
    } catch (error) {
      if (!(error instanceof ServiceRefused && error.error.code === 'PUSH_OUT_OF_ORDER')) throw error
      // Its predecessor has been answered and written by now: the same request again.
      got = await send(current).answer!
    }
    recordAnswer(db, mirror, current.queued, got, report)
    current = next
    next = current && after(current)
  }
  return report
}

interface InFlight {
  queued: QueuedCommand[]
  request: PreparedRequest
  lastSeq: number
  lastCommandId: string
  answer: Promise<PushAnswer> | null
}

/**
 * Commands per push. A thousand contact edits make a request body of about half a megabyte; fewer per
 * batch spent more on each batch's fixed costs (the audit chain's tail, the transaction) than on the
 * commands (npm run bench -- --only sync: 4,927 commands/s at 500, 5,689 at 1,000).
 */
export const PUSH_BATCH_SIZE = 1_000

/**
 * A batch's payloads stay under this many characters: a request registered at the counter carries its
 * scans (up to 48 MiB), and a batch of several must not outgrow what the service accepts in one body.
 */
export const BATCH_PAYLOAD_CHARS = 16 * 1024 * 1024

/** The longest head of the queue within `BATCH_PAYLOAD_CHARS`; never less than one command. */
export function withinBytes<T extends { payloadJson: string }>(queued: T[]): T[] {
  let total = 0
  for (let i = 0; i < queued.length; i++) {
    total += queued[i]!.payloadJson.length
    if (i > 0 && total > BATCH_PAYLOAD_CHARS) return queued.slice(0, i)
  }
  return queued
}

function pushedCommand(c: QueuedCommand): PushedCommand {
  return {
    commandId: c.commandId,
    command: c.command,
    payload: JSON.parse(c.payloadJson) as unknown,
    author: c.author,
    madeAt: c.createdAt,
    keys: JSON.parse(c.keys ?? '[]') as string[],
    audit: JSON.parse(c.audit ?? '[]') as PushedCommand['audit'],
    proof:
      c.proofKey && c.proofSignature
        ? { key: c.proofKey, signature: c.proofSignature, chain: c.proofChain }
        : null,
    sessionProof: c.sessionProof,
    madeAlone: c.madeAloneJson ? (JSON.parse(c.madeAloneJson) as PushedCommand['madeAlone']) : null,
  }
}

/** Outcomes marked on the outbox and the central images written, in one local transaction. */
function recordAnswer(
  db: BetterSqlite3.Database,
  mirror: LocalMirror,
  queued: QueuedCommand[],
  answer: PushAnswer,
  report: PushReport,
): void {
  const seqById = new Map(queued.map((c) => [c.commandId, c.seq]))
  const mark = db.prepare(`UPDATE outbox SET state = ?, refusal_json = ? WHERE seq = ?`)
  mirror.applyWith(
    answer.rows,
    () => {
      for (const outcome of answer.outcomes) {
        const seq = seqById.get(outcome.commandId)
        if (seq === undefined) continue
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
}
