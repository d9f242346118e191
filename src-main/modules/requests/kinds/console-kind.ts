import type BetterSqlite3 from 'better-sqlite3'
import type { CompletionEffect, RequestKind } from '@shared/domain/requests/kinds'
import type { AuditChange } from '../../../commands/pipeline'
import type { CompletionText, DecisionFacts } from '../decision/decision-text'

/** What every kind's completion writes with: the request, the account, the date, the moment. */
export interface CompletionScene {
  db: BetterSqlite3.Database
  requestId: number
  accountId: number
  /** The completion date (yyyy-mm-dd). */
  on: string
  /** The Moscow date the clerk completed it. */
  today: string
  /** The meters whose final readings the request read (ids, for the audit trail). */
  finalReadingMeters: { meterId: number; serial: string }[]
}

/**
 * A kind's console side (docs/architecture.md#adding-a-request-kind): what its completion writes in
 * the console's copy, for the clerk to see at once (the central service writes its own and its answer
 * brings the rows as PostgreSQL has them), and its decision letter's own part.
 */
export interface ConsoleKind<K extends RequestKind> {
  complete(scene: CompletionScene, effect: CompletionEffect<K>): AuditChange[]
  letter(facts: DecisionFacts, common: [string, string][]): CompletionText
}

/** Revokes the account's web cabinet (a closure, an owner's change): the audit names it. */
export function revokeCabinet(scene: CompletionScene): AuditChange {
  scene.db
    .prepare(`UPDATE cabinets SET state = 'revoked' WHERE account_id = ? AND state <> 'revoked'`)
    .run(scene.accountId)
  return { entity: 'cabinet', entityId: scene.accountId, before: null, after: { state: 'revoked' } }
}

/** Each meter's reading as a letter lists it: "№ ХВ-0011 (кухня) — 112,500 м³; …". */
export function meterValues(facts: DecisionFacts): string {
  return facts.finalReadings.map((m) => `№ ${m.serial} (${m.place}) — ${m.value} м³`).join('; ')
}
