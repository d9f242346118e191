import type { RowKey } from './row-keys'

/**
 * One synced table, declared once (docs/architecture.md#adding-a-synced-table): its names on both sides,
 * the row-key entity sync knows its rows by, its key, the columns no console ever sees, and the window
 * a fresh console copies. The central feed's table list, its hidden columns, the initial copy's steps and
 * the look-up of rows by row key are read from here; a test holds the console's mirror and the
 * website's grants to it.
 */
export interface SyncedTable {
  /** The table in the central PostgreSQL database. */
  central: string
  /** The console's SQLite table. */
  local: string
  entity: RowKey['entity']
  key: readonly string[]
  /** The key's PostgreSQL type, where a row key names one row by it (the look-up after a command). */
  keyType?: 'bigint' | 'text'
  /** Secrets that never leave the service (password hashes, tokens, a document's bytes). */
  hidden?: readonly string[]
  /**
   * What a fresh console copies: a PostgreSQL condition, `$fromPeriod` standing for twelve periods
   * back; the copy runs in this catalogue's order (parents first, open work queues last).
   */
  copyWhere: string
  /** The columns copied, where not all of them. */
  copyColumns?: string
  /** A console's row may be taken back by the service (a claim released, a cabinet closed). */
  removable?: boolean
}

const DECIDED_RECENTLY = "decided_at > now() - interval '13 months'"
const REQUESTS_KEPT =
  "(state NOT IN ('rejected', 'completed') OR submitted_at > now() - interval '13 months')"
const QUESTIONS_KEPT = "(state IN ('new', 'taken', 'waiting') OR submitted_at > now() - interval '1 year')"

export const SYNCED_TABLES = [
  {
    central: 'staff',
    local: 'staff',
    entity: 'staff',
    key: ['login'],
    keyType: 'text',
    hidden: ['password_hash'],
    copyWhere: 'true',
  },
  {
    central: 'accounts',
    local: 'accounts',
    entity: 'account',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: 'true',
  },
  { central: 'meters', local: 'meters', entity: 'meter', key: ['id'], keyType: 'bigint', copyWhere: 'true' },
  {
    central: 'readings',
    local: 'readings',
    entity: 'reading',
    key: ['meter_id', 'period'],
    copyWhere: 'period >= $fromPeriod',
  },
  { central: 'charges', local: 'charges', entity: 'charge', key: ['id'], copyWhere: 'period >= $fromPeriod' },
  {
    central: 'payments',
    local: 'payments',
    entity: 'payment',
    key: ['id'],
    copyWhere: "paid_on >= to_date($fromPeriod, 'YYYY-MM')",
  },
  {
    central: 'cabinets',
    local: 'cabinets',
    entity: 'cabinet',
    key: ['account_id'],
    keyType: 'bigint',
    copyWhere: 'true',
    removable: true,
  },
  {
    central: 'period_closures',
    local: 'period_closures',
    entity: 'periodClosure',
    key: ['period'],
    keyType: 'text',
    copyWhere: 'true',
  },
  {
    central: 'sync_conflicts',
    local: 'sync_conflicts',
    entity: 'conflict',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: 'resolved_at IS NULL',
  },
  {
    central: 'portal_readings',
    local: 'web_readings',
    entity: 'webReading',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: "state IN ('new', 'review')",
  },
  // Decided work of the last 13 months too: the supervisors' reports count it on any console.
  {
    central: 'portal_registrations',
    local: 'web_registrations',
    entity: 'webRegistration',
    key: ['id'],
    keyType: 'bigint',
    hidden: ['password_hash', 'activation_token'],
    copyWhere: `state = 'pending' OR ${DECIDED_RECENTLY}`,
  },
  // Open questions, and those done within the last year: the inbox's "closed" view and its search.
  {
    central: 'portal_questions',
    local: 'web_questions',
    entity: 'question',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: QUESTIONS_KEPT,
  },
  {
    central: 'portal_question_messages',
    local: 'web_question_messages',
    entity: 'questionMessage',
    key: ['id'],
    copyWhere: `question_id IN (SELECT id FROM portal_questions WHERE ${QUESTIONS_KEPT})`,
  },
  {
    central: 'portal_question_steps',
    local: 'web_question_steps',
    entity: 'questionStep',
    key: ['id'],
    copyWhere: `question_id IN (SELECT id FROM portal_questions WHERE ${QUESTIONS_KEPT})`,
  },
  {
    central: 'reply_templates',
    local: 'reply_templates',
    entity: 'replyTemplate',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: 'active',
  },
  // What a subscriber asked lately: the card shows it to whoever takes their call.
  {
    central: 'portal_password_resets',
    local: 'web_password_resets',
    entity: 'passwordReset',
    key: ['id'],
    hidden: ['token_hash'],
    copyWhere: "submitted_at > now() - interval '13 months'",
  },
  {
    central: 'inbox_settings',
    local: 'inbox_settings',
    entity: 'inboxSettings',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: 'true',
  },
  {
    central: 'portal_requests',
    local: 'web_requests',
    entity: 'webRequest',
    key: ['id'],
    keyType: 'bigint',
    copyWhere: REQUESTS_KEPT,
  },
  {
    central: 'portal_request_steps',
    local: 'web_request_steps',
    entity: 'webRequestStep',
    key: ['id'],
    copyWhere: `request_id IN (SELECT id FROM portal_requests WHERE ${REQUESTS_KEPT})`,
  },
  {
    central: 'portal_request_attachments',
    local: 'web_request_documents',
    entity: 'webRequestDocument',
    key: ['id'],
    hidden: ['content'],
    copyWhere: `request_id IN (SELECT id FROM portal_requests WHERE ${REQUESTS_KEPT})`,
    // The list only: a file's bytes are fetched when a clerk opens it.
    copyColumns: 'id, request_id, file_name, media_type, size_bytes, uploaded_at, source, added_by, version',
  },
  {
    central: 'account_owners',
    local: 'account_owners',
    entity: 'accountOwner',
    key: ['id'],
    copyWhere: 'true',
  },
  {
    central: 'claims',
    local: 'claims',
    entity: 'claim',
    key: ['entity_key'],
    keyType: 'text',
    copyWhere: 'expires_at > now()',
    removable: true,
  },
] as const satisfies readonly SyncedTable[]

export type SyncedTableName = (typeof SYNCED_TABLES)[number]['central']

/** The catalogue's entry of a central table, or undefined for a table consoles never see. */
export const syncedTable = (central: string): SyncedTable | undefined =>
  SYNCED_TABLES.find((table) => table.central === central)
