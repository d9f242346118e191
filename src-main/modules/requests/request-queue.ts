import type BetterSqlite3 from 'better-sqlite3'
import type { RequestItem } from '@shared/contract'
import { moscowDate } from '@shared/domain/moscow-time'
import { dueStatus, requestDue, visitDue } from '@shared/domain/requests/request-due'
import { fromPortalState } from '@shared/domain/requests/portal-states'
import type { RequestKind } from '@shared/domain/requests/kinds'
import { isFinal, type RequestState } from '@shared/domain/requests/request-states'
import { AppError } from '../../errors'
import { claimHolder } from '../claims/claims'
import { findStaffByLogin } from '../staff/staff-queries'
import { rowKey } from '@shared/central/row-keys'

/** Working days a request is given (docs/business-rules.md#closure-and-re-registration-requests; a supervisor setting once the settings screen has it). */
export const REQUEST_ALLOWANCE_DAYS = 10

export const requestClaimKey = (id: number) => rowKey({ entity: 'webRequest', id })

export interface RequestRow {
  id: number
  kind: RequestKind
  channel: 'web' | 'office'
  accountNumber: string
  applicant: string
  submittedAt: string
  state: string
}

/** Reads requests from the console's copy with their steps, due dates and holders. */
class RequestReader {
  private readonly s

  constructor(private readonly db: BetterSqlite3.Database) {
    const select = `SELECT id, kind, channel, account_number AS accountNumber,
      trim(applicant_surname || ' ' || applicant_first_name || ' ' || coalesce(applicant_patronymic, '')) AS applicant,
      submitted_at AS submittedAt, state FROM web_requests`
    this.s = {
      one: db.prepare(`${select} WHERE id = ?`),
      open: db.prepare(`${select} WHERE state NOT IN ('rejected', 'completed') ORDER BY submitted_at, id`),
      heldByMe: db.prepare(
        `SELECT 1 FROM claims WHERE entity_key = ? AND staff_login = ? AND expires_at > ?`,
      ),
      ofAccount: db.prepare(
        `${select} WHERE account_number = ? ORDER BY submitted_at DESC, id DESC LIMIT 50`,
      ),
      steps: db.prepare(`SELECT to_state AS state, at, staff_login AS login, reason FROM web_request_steps
        WHERE request_id = ? ORDER BY id`),
      localSteps: db.prepare(`SELECT at, staff_login AS login, after_json AS after FROM audit_log
        WHERE entity = 'webRequest' AND entity_id = ? AND command IN ('requests.step', 'requests.complete')
        AND at > ? ORDER BY id`),
    }
  }

  require(id: number): RequestRow {
    const row = this.s.one.get(id) as RequestRow | undefined
    if (!row) throw new AppError('NOT_FOUND', { what: 'webRequest' })
    return row
  }

  state(row: RequestRow): RequestState {
    return fromPortalState(row.state)
  }

  open(me: string, now: Date): RequestItem[] {
    return (this.s.open.all() as RequestRow[]).map((row) => this.item(row, me, now))
  }

  /**
   * The request's steps: the central ones, then those taken here and not yet back from the central
   * database (offline, or the answer still on its way), from this console's own audit rows.
   */
  private stepsOf(row: RequestRow) {
    const recorded = this.s.steps.all(row.id) as {
      state: RequestState
      at: string
      login: string | null
      reason: string | null
    }[]
    // Until the central steps arrive, the arrival is the submission itself.
    const steps: typeof recorded = recorded.length
      ? recorded
      : [{ state: 'new', at: row.submittedAt, login: null, reason: null }]
    if (steps.at(-1)!.state !== this.state(row)) {
      const since = recorded.at(-1)?.at ?? ''
      for (const local of this.s.localSteps.all(String(row.id), since) as {
        at: string
        login: string
        after: string
      }[]) {
        const after = JSON.parse(local.after) as { state: RequestState; reason?: string | null }
        steps.push({ state: after.state, at: local.at, login: local.login, reason: after.reason ?? null })
      }
    }
    return steps
  }

  private dueOf(row: RequestRow, steps: { state: RequestState; at: string }[], now: Date) {
    const today = moscowDate(now)
    const dated = steps.map((step) => ({ state: step.state, on: moscowDate(new Date(step.at)) }))
    const due = requestDue(dated, REQUEST_ALLOWANCE_DAYS, today)
    return {
      dueOn: due.dueOn,
      due: isFinal(this.state(row)) ? ('closed' as const) : dueStatus(due, today),
      visitDueOn: visitDue(dated),
    }
  }

  ofAccount(accountNumber: string, me: string, now: Date): RequestItem[] {
    return (this.s.ofAccount.all(accountNumber) as RequestRow[]).map((row) => this.item(row, me, now))
  }

  /** How each open request stands against its due date, without the rest of its card (reports). */
  openDue(now: Date): RequestItem['due'][] {
    return (this.s.open.all() as RequestRow[]).map((row) => this.dueOf(row, this.stepsOf(row), now).due)
  }

  item(row: RequestRow, me: string, now: Date): RequestItem {
    const state = this.state(row)
    const steps = this.stepsOf(row)
    const { dueOn, due, visitDueOn } = this.dueOf(row, steps, now)
    return {
      id: row.id,
      kind: row.kind,
      channel: row.channel === 'office' ? 'office' : 'web',
      accountNumber: row.accountNumber,
      applicant: row.applicant,
      submittedAt: row.submittedAt,
      state,
      dueOn,
      due,
      visitDueOn,
      heldBy: claimHolder(this.db, requestClaimKey(row.id), me, now)?.fullName ?? null,
      mine:
        this.s.heldByMe.get(requestClaimKey(row.id), me, now.toISOString()) !== undefined ||
        steps.at(-1)?.login === me,
      steps: steps.map((step) => ({
        state: step.state,
        at: step.at,
        by: step.login ? (findStaffByLogin(this.db, step.login)?.fullName ?? step.login) : null,
        reason: step.reason,
      })),
    }
  }
}

const readers = new WeakMap<BetterSqlite3.Database, RequestReader>()

/** One reader per database, its statements prepared once (as `registrationReader`). */
export function requestReader(db: BetterSqlite3.Database): RequestReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new RequestReader(db)))
  return reader
}
