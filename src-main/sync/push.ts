import type BetterSqlite3 from 'better-sqlite3'
import type { PushedCommand } from '@shared/central/api'
import type { CentralClient } from './central-client'
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
}

/**
 * Sends this console's queued commands to the central service, oldest first, up to `batchSize` at a
 * time, each with its author, its row keys and its own audit rows. The service applies the batch in
 * one transaction and answers each command's outcome together with the central images of the rows
 * they touched; marks and images are written here in one local transaction. A batch sent twice (a
 * crash after the service's commit, before the local mark) has one effect and the same answer.
 */
export async function pushPending(
  db: BetterSqlite3.Database,
  client: CentralClient,
  mirror: LocalMirror,
  batchSize = 500,
): Promise<PushReport> {
  const report: PushReport = { applied: 0, refused: 0, conflicts: 0 }
  const queued = db
    .prepare(
      `SELECT o.seq, o.command_id AS commandId, o.command, o.payload_json AS payloadJson, s.login AS author,
        o.created_at AS createdAt,
        (SELECT json_group_array(k.entity_key) FROM outbox_keys k WHERE k.outbox_seq = o.seq) AS keys,
        (SELECT json_group_array(json_object('entity', a.entity, 'entityId', a.entity_id,
          'before', json(a.before_json), 'after', json(a.after_json)))
          FROM audit_log a WHERE a.command_id = o.command_id) AS audit
      FROM outbox o LEFT JOIN staff s ON s.id = o.staff_id WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?`,
    )
    .all(batchSize) as QueuedCommand[]
  if (queued.length === 0) return report

  const commands: PushedCommand[] = queued.map((c) => ({
    commandId: c.commandId,
    command: c.command,
    payload: JSON.parse(c.payloadJson) as unknown,
    author: c.author,
    madeAt: c.createdAt,
    keys: JSON.parse(c.keys ?? '[]') as string[],
    audit: JSON.parse(c.audit ?? '[]') as PushedCommand['audit'],
  }))
  const answer = await client.push(commands)
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
  return report
}
