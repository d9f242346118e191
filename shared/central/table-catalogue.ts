import type { RowKey } from './row-keys'

/** How a column's value is kept on the console: ids and amounts as numbers, moments as ISO UTC text. */
export type ColumnType = 'id' | 'int' | 'bigint' | 'text' | 'date' | 'at' | 'bool' | 'json'
/** A column the console keeps: its type, and its local name where the console's table says otherwise. */
export type Column = ColumnType | { type: ColumnType; local: string }

/**
 * One synced table, declared once (docs/architecture.md#adding-a-synced-table): its names on both sides,
 * the row-key entity sync knows its rows by, its key, the columns the console keeps and their types,
 * the columns no console ever sees, and the window a fresh console copies. The central feed's table
 * list, its hidden columns, the initial copy's steps, the look-up of rows by row key, the console's
 * writes of a table's rows (`src-main/sync/local-mirror.ts`, unless it has its own writer) and the row
 * types (`ConsoleRow`) are read from here; tests hold both schemas and the website's grants to it.
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
   * What the subscribers' website may read and insert (docs/portal-contract.md): its database role's
   * column grants, which a test holds to this; none for a table the website never touches.
   */
  website?: { reads?: readonly string[]; writes?: readonly string[] }
  /** The columns the console keeps, by their central names, in the order its table has them. */
  columns: Readonly<Record<string, Column>>
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
    // Kept without a version: the console takes every staff row as it comes (its own writer).
    columns: {
      login: 'text',
      full_name: 'text',
      role: 'text',
      active: 'bool',
      updated_at: 'at',
      must_change_password: 'bool',
    },
    copyWhere: 'true',
  },
  {
    central: 'accounts',
    local: 'accounts',
    entity: 'account',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      number: 'text',
      eirc_number: 'text',
      surname: 'text',
      first_name: 'text',
      patronymic: 'text',
      district: 'text',
      street: 'text',
      house: 'text',
      building: 'text',
      apartment: 'text',
      phone: 'text',
      email: 'text',
      house_type: 'text',
      status: 'text',
      opened_on: 'date',
      closed_on: 'date',
      version: 'int',
      updated_at: 'at',
    },
    website: { reads: ['id', 'number', 'surname', 'status'] },
    copyWhere: 'true',
  },
  {
    central: 'meters',
    local: 'meters',
    entity: 'meter',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      account_id: 'id',
      serial: 'text',
      place: 'text',
      installed_on: 'date',
      verification_due: 'date',
      digits: 'int',
      status: 'text',
      removed_on: 'date',
      model: 'text',
      seal_number: 'text',
      initial_value_milli: 'bigint',
      version: 'int',
    },
    website: { reads: ['id', 'account_id', 'serial', 'place', 'status'] },
    copyWhere: 'true',
  },
  {
    central: 'readings',
    local: 'readings',
    entity: 'reading',
    key: ['meter_id', 'period'],
    columns: {
      meter_id: 'id',
      period: 'text',
      value_milli: 'bigint',
      received_at: 'at',
      source: 'text',
      late: 'bool',
      flags: 'json',
      entered_by: 'text',
      overridden_by: 'text',
      override_reason: 'text',
      version: 'int',
    },
    website: { reads: ['meter_id', 'period', 'value_milli', 'source'] },
    copyWhere: 'period >= $fromPeriod',
  },
  {
    central: 'charges',
    local: 'charges',
    entity: 'charge',
    key: ['id'],
    columns: {
      id: 'id',
      account_id: 'id',
      period: 'text',
      service: 'text',
      amount_kopecks: 'bigint',
      version: 'int',
    },
    website: { reads: ['account_id', 'period', 'service', 'amount_kopecks'] },
    copyWhere: 'period >= $fromPeriod',
  },
  {
    central: 'payments',
    local: 'payments',
    entity: 'payment',
    key: ['id'],
    columns: {
      id: 'id',
      account_id: 'id',
      paid_on: 'date',
      amount_kopecks: 'bigint',
      channel: 'text',
      version: 'int',
    },
    website: { reads: ['account_id', 'paid_on', 'amount_kopecks', 'channel'] },
    copyWhere: "paid_on >= to_date($fromPeriod, 'YYYY-MM')",
  },
  {
    central: 'cabinets',
    local: 'cabinets',
    entity: 'cabinet',
    key: ['account_id'],
    keyType: 'bigint',
    columns: { account_id: 'id', email: 'text', state: 'text', updated_at: 'at', version: 'int' },
    website: { reads: ['account_id', 'email', 'state'] },
    copyWhere: 'true',
    removable: true,
  },
  {
    central: 'period_closures',
    local: 'period_closures',
    entity: 'periodClosure',
    key: ['period'],
    keyType: 'text',
    columns: {
      period: 'text',
      closed: 'bool',
      changed_by: 'text',
      changed_at: 'at',
      reason: 'text',
      version: 'int',
    },
    copyWhere: 'true',
  },
  {
    central: 'sync_conflicts',
    local: 'sync_conflicts',
    entity: 'conflict',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      kind: 'text',
      entity_key: 'text',
      field: 'text',
      central_value: { type: 'json', local: 'central_value_json' },
      console_value: { type: 'json', local: 'console_value_json' },
      command_id: 'text',
      raised_by: 'text',
      raised_at: 'at',
      resolved_by: 'text',
      resolved_at: 'at',
      resolution: { type: 'json', local: 'resolution_json' },
      version: 'int',
    },
    copyWhere: 'resolved_at IS NULL',
  },
  {
    central: 'portal_readings',
    local: 'web_readings',
    entity: 'webReading',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      account_number: 'text',
      meter_serial: 'text',
      value_text: 'text',
      submitted_at: 'at',
      state: 'text',
      findings: { type: 'json', local: 'findings_json' },
      period: 'text',
      decided_by: 'text',
      decided_at: 'at',
      decision_reason: 'text',
      version: 'int',
    },
    website: {
      reads: [
        'id',
        'account_number',
        'meter_serial',
        'value_text',
        'submitted_at',
        'state',
        'findings',
        'period',
        'decision_reason',
        'replaced_by',
      ],
      writes: ['account_number', 'meter_serial', 'value_text'],
    },
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
    columns: {
      id: 'id',
      account_number: 'text',
      surname: 'text',
      email: 'text',
      submitted_at: 'at',
      state: 'text',
      decided_by: 'text',
      decided_at: 'at',
      reject_reason: 'text',
      activated_at: 'at',
      version: 'int',
    },
    website: {
      reads: ['id', 'account_number', 'submitted_at', 'state', 'reject_reason', 'activated_at'],
      writes: ['account_number', 'surname', 'email', 'password_hash'],
    },
    copyWhere: `state = 'pending' OR ${DECIDED_RECENTLY}`,
  },
  // Open questions, and those done within the last year: the inbox's "closed" view and its search.
  {
    central: 'portal_questions',
    local: 'web_questions',
    entity: 'question',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      surname: 'text',
      first_name: 'text',
      patronymic: 'text',
      email: 'text',
      phone: 'text',
      account_number: 'text',
      subject: 'text',
      message: 'text',
      submitted_at: 'at',
      state: 'text',
      answer: 'text',
      answered_by: 'text',
      answered_at: 'at',
      channel: 'text',
      reply_by: 'text',
      linked_account: 'text',
      assigned_to: 'text',
      logged_by: 'text',
      closed_reason: 'text',
      duplicate_of: 'id',
      version: 'int',
    },
    website: {
      reads: [
        'id',
        'account_number',
        'subject',
        'submitted_at',
        'state',
        'answer',
        'answered_at',
        'channel',
        'reply_by',
      ],
      writes: [
        'surname',
        'first_name',
        'patronymic',
        'email',
        'phone',
        'account_number',
        'subject',
        'message',
      ],
    },
    copyWhere: QUESTIONS_KEPT,
  },
  {
    central: 'portal_question_messages',
    local: 'web_question_messages',
    entity: 'questionMessage',
    key: ['id'],
    columns: {
      id: 'id',
      question_id: 'id',
      kind: 'text',
      body: 'text',
      staff_login: 'text',
      command_id: 'text',
      at: 'at',
      version: 'int',
    },
    website: { reads: ['id', 'question_id', 'kind', 'body', 'at'], writes: ['question_id', 'body'] },
    copyWhere: `question_id IN (SELECT id FROM portal_questions WHERE ${QUESTIONS_KEPT})`,
  },
  {
    central: 'portal_question_steps',
    local: 'web_question_steps',
    entity: 'questionStep',
    key: ['id'],
    columns: {
      id: 'id',
      question_id: 'id',
      from_state: 'text',
      to_state: 'text',
      staff_login: 'text',
      assignee: 'text',
      at: 'at',
      reason: 'text',
      version: 'int',
    },
    copyWhere: `question_id IN (SELECT id FROM portal_questions WHERE ${QUESTIONS_KEPT})`,
  },
  {
    central: 'reply_templates',
    local: 'reply_templates',
    entity: 'replyTemplate',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      name: 'text',
      body: 'text',
      active: 'bool',
      updated_by: 'text',
      updated_at: 'at',
      version: 'int',
    },
    copyWhere: 'active',
  },
  // What a subscriber asked lately: the card shows it to whoever takes their call.
  {
    central: 'portal_password_resets',
    local: 'web_password_resets',
    entity: 'passwordReset',
    key: ['id'],
    hidden: ['token_hash'],
    columns: {
      id: 'id',
      account_number: 'text',
      surname: 'text',
      requested_by: 'text',
      submitted_at: 'at',
      state: 'text',
      refusal_reason: 'text',
      expires_at: 'at',
      used_at: 'at',
      version: 'int',
    },
    website: {
      reads: ['id', 'account_number', 'submitted_at', 'state', 'refusal', 'expires_at'],
      writes: ['account_number', 'surname'],
    },
    copyWhere: "submitted_at > now() - interval '13 months'",
  },
  {
    central: 'inbox_settings',
    local: 'inbox_settings',
    entity: 'inboxSettings',
    key: ['id'],
    keyType: 'bigint',
    columns: { id: 'id', due_days: 'int', round_robin: 'bool', open_cap: 'int', version: 'int' },
    copyWhere: 'true',
  },
  {
    central: 'portal_requests',
    local: 'web_requests',
    entity: 'webRequest',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      kind: 'text',
      account_number: 'text',
      applicant_surname: 'text',
      applicant_first_name: 'text',
      applicant_patronymic: 'text',
      email: 'text',
      phone: 'text',
      new_owner_surname: 'text',
      new_owner_first_name: 'text',
      new_owner_patronymic: 'text',
      effective_on: 'date',
      comment: 'text',
      submitted_at: 'at',
      state: 'text',
      channel: 'text',
      checklist: 'json',
      completed_on: 'date',
      details: 'json',
      version: 'int',
    },
    website: {
      reads: ['id', 'kind', 'account_number', 'submitted_at', 'state', 'details'],
      writes: [
        'kind',
        'account_number',
        'applicant_surname',
        'applicant_first_name',
        'applicant_patronymic',
        'email',
        'phone',
        'new_owner_surname',
        'new_owner_first_name',
        'new_owner_patronymic',
        'effective_on',
        'comment',
        'details',
      ],
    },
    copyWhere: REQUESTS_KEPT,
  },
  {
    central: 'portal_request_steps',
    local: 'web_request_steps',
    entity: 'webRequestStep',
    key: ['id'],
    columns: {
      id: 'id',
      request_id: 'id',
      from_state: 'text',
      to_state: 'text',
      staff_login: 'text',
      at: 'at',
      reason: 'text',
      version: 'int',
    },
    copyWhere: `request_id IN (SELECT id FROM portal_requests WHERE ${REQUESTS_KEPT})`,
  },
  {
    central: 'portal_request_attachments',
    local: 'web_request_documents',
    entity: 'webRequestDocument',
    key: ['id'],
    hidden: ['content'],
    columns: {
      id: 'id',
      request_id: 'id',
      file_name: 'text',
      media_type: 'text',
      size_bytes: 'int',
      uploaded_at: 'at',
      source: 'text',
      added_by: 'text',
      version: 'int',
    },
    website: {
      reads: ['id', 'request_id', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'],
      writes: ['request_id', 'file_name', 'media_type', 'size_bytes', 'content'],
    },
    copyWhere: `request_id IN (SELECT id FROM portal_requests WHERE ${REQUESTS_KEPT})`,
    // The list only: a file's bytes are fetched when a clerk opens it.
    copyColumns: 'id, request_id, file_name, media_type, size_bytes, uploaded_at, source, added_by, version',
  },
  {
    central: 'account_owners',
    local: 'account_owners',
    entity: 'accountOwner',
    key: ['id'],
    columns: {
      id: 'id',
      account_id: 'id',
      surname: 'text',
      first_name: 'text',
      patronymic: 'text',
      phone: 'text',
      email: 'text',
      owned_from: 'date',
      owned_until: 'date',
      request_id: 'id',
      version: 'int',
    },
    copyWhere: 'true',
  },
  // Notes pinned on an account, and those taken down within the last 13 months (the card's history).
  {
    central: 'account_notes',
    local: 'account_notes',
    entity: 'accountNote',
    key: ['id'],
    keyType: 'bigint',
    columns: {
      id: 'id',
      account_id: 'id',
      body: 'text',
      written_by: 'text',
      written_at: 'at',
      pinned: 'bool',
      unpinned_by: 'text',
      unpinned_at: 'at',
      version: 'int',
    },
    copyWhere: "pinned OR unpinned_at > now() - interval '13 months'",
  },
  {
    central: 'claims',
    local: 'claims',
    entity: 'claim',
    key: ['entity_key'],
    keyType: 'text',
    columns: {
      entity_key: 'text',
      staff_login: 'text',
      full_name: 'text',
      claimed_at: 'at',
      expires_at: 'at',
      version: 'int',
    },
    copyWhere: 'expires_at > now()',
    removable: true,
  },
] as const satisfies readonly SyncedTable[]

export type SyncedTableName = (typeof SYNCED_TABLES)[number]['central']

/** The catalogue's entry of a central table, or undefined for a table consoles never see. */
export const syncedTable = (central: string): SyncedTable | undefined =>
  SYNCED_TABLES.find((table) => table.central === central)

/** A column's type and its name in the console's table. */
export function columnOf(name: string, column: Column): { name: string; type: ColumnType; local: string } {
  return typeof column === 'string'
    ? { name, type: column, local: name }
    : { name, type: column.type, local: column.local }
}

type TsType<T extends ColumnType> = T extends 'id' | 'int' | 'bigint'
  ? number
  : T extends 'bool'
    ? 0 | 1
    : string
type ColumnTs<C> = C extends ColumnType
  ? TsType<C>
  : C extends { type: infer T extends ColumnType }
    ? TsType<T>
    : never

/**
 * A synced table's row as the console's table holds it, by central column names (a column renamed on
 * the console keeps its central name here): typed from the catalogue, so a reader of a synced table
 * writes no row interface of its own. Every column but the key may be null.
 */
type ColumnsOf<N extends SyncedTableName> = Extract<(typeof SYNCED_TABLES)[number], { central: N }>['columns']
export type ConsoleRow<N extends SyncedTableName> = {
  -readonly [K in keyof ColumnsOf<N>]: ColumnTs<ColumnsOf<N>[K]> | null
}
