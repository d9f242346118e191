import type BetterSqlite3 from 'better-sqlite3'
import { pauseCoverageUpkeep, resumeCoverageUpkeep } from '../db/local/reading-coverage'
import { isIdEntity, rowKey } from '@shared/central/row-keys'
import { columnOf, SYNCED_TABLES, syncedTable, type SyncedTable } from '@shared/central/table-catalogue'
import type { CentralRow } from '@shared/central/rows'
import { questionDueUpkeep } from '../modules/questions/question-due-upkeep'

export type { CentralRow } from '@shared/central/rows'

type Row = Record<string, unknown>

/** The account columns other than the contacts and the version stamps. */
const ACCOUNT_STABLE_COLUMNS = [
  'number',
  'eirc_number',
  'surname',
  'first_name',
  'patronymic',
  'district',
  'street',
  'house',
  'building',
  'apartment',
  'house_type',
  'status',
  'opened_on',
  'closed_on',
]
const NARROW_ACCOUNT_UPDATE = `UPDATE accounts SET phone = @phone, email = @email, version = @version,
  updated_at = @updated_at WHERE id = @id AND ${ACCOUNT_STABLE_COLUMNS.map((c) => `${c} IS @${c}`).join(' AND ')}`

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
/** A timestamp as the ISO UTC text the local database stores (already so from the service: kept). */
const iso = (value: unknown) =>
  value === null || value === undefined
    ? null
    : typeof value === 'string' && ISO_UTC.test(value)
      ? value
      : new Date(String(value)).toISOString()
const bool = (value: unknown) => (value ? 1 : 0)
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

interface MirroredTable {
  /** The key the outbox uses for the row (see `rowKey`), so pending local changes are recognised. */
  key(row: Row): string
  localVersion: BetterSqlite3.Statement
  upsert: BetterSqlite3.Statement
  /** The upsert that leaves a row whose local version is as new or newer: one statement, no read. */
  upsertNewer?: BetterSqlite3.Statement
  /**
   * Tried before the upsert: an update of a newer row's most often changed columns only, when every
   * other column is as stored (0 rows changed: the upsert decides). Naming fewer columns leaves the
   * indexes and triggers on the others untouched.
   */
  narrowUpdate?: BetterSqlite3.Statement
  /** The same for a central answer to this console's own command, taken whatever the versions. */
  narrowForced?: BetterSqlite3.Statement
  /** For the rows the central database may take back (a reading a losing console had saved). */
  remove?: BetterSqlite3.Statement
  toLocal(row: Row): Row
}

/**
 * Writes central row images into the local SQLite copy (docs/architecture.md#data-and-change):
 *  - a row some queued command of this console touched is left alone: the console shows its own
 *    change until the central database has answered it (PowerSync's write checkpoint);
 *  - otherwise a row is taken when it is newer than the local copy (`version` grows on every central
 *    update of a row, and two updates of one row are serialised by PostgreSQL's row lock), or always
 *    when `force` says it is the central answer to a command of ours.
 * Central foreign keys hold; the local copy may briefly lack a parent whose change is in a later batch,
 * so batches are written with foreign-key checks off (the central database enforced them already).
 */
export class LocalMirror {
  private readonly tables: Record<string, MirroredTable | undefined>
  /** The central tables rows were offered for since `takeTouched` was last called. */
  private readonly touched = new Set<string>()
  private readonly pending: BetterSqlite3.Statement
  private readonly anyPending: BetterSqlite3.Statement
  private readonly staffIdByLogin: BetterSqlite3.Statement

  /**
   * `consoleAheadMs`: how far this console's clock stands ahead of the service's. A claim's times are
   * the service's; written here in the console's own time, so "held until" means the same on a
   * console whose clock is wrong (docs/central-service.md#proof-of-person, "A console's wrong clock").
   */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly consoleAheadMs: () => number = () => 0,
  ) {
    this.anyPending = db.prepare(`SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending')`).pluck()
    this.pending = db
      .prepare(
        // CROSS JOIN fixes the order: by the key first. The other way round SQLite scanned every
        // pending command for each row, which made a long outbox slow to push.
        `SELECT 1 FROM outbox_keys k CROSS JOIN outbox o ON o.seq = k.outbox_seq
        WHERE k.entity_key = ? AND o.state = 'pending' LIMIT 1`,
      )
      .pluck()
    this.staffIdByLogin = db.prepare(`SELECT id FROM staff WHERE login = ?`).pluck()
    // A login's local id never changes once the row exists: a million readings by a few hundred
    // staff look each one up once.
    const knownStaff = new Map<string, number>()
    const staffId = (login: unknown) => {
      if (!login) return null
      const key = String(login)
      let id = knownStaff.get(key)
      if (id === undefined) {
        id = this.staffIdByLogin.get(key) as number | undefined
        if (id === undefined) return null
        knownStaff.set(key, id)
      }
      return id
    }

    this.tables = {
      // Central staff rows carry no password hash (the service checks passwords). The local
      // `password_hash` is this console's own offline verifier, derived at an online sign-in, and is
      // forgotten when the central password changed after it was derived.
      staff: {
        key: (r) => rowKey({ entity: 'staff', login: String(r.login) }),
        localVersion: db.prepare(`SELECT NULL FROM staff WHERE login = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO staff (login, full_name, role, password_hash, active, must_change_password,
            created_at, updated_at)
          VALUES (@login, @fullName, @role, '', @active, @mustChangePassword, @updatedAt, @updatedAt)
          ON CONFLICT (login) DO UPDATE SET full_name = excluded.full_name, role = excluded.role,
          active = excluded.active, updated_at = excluded.updated_at, must_change_password = @mustChangePassword,
          password_hash = CASE WHEN staff.online_verified_at < @passwordChangedAt THEN '' ELSE staff.password_hash END,
          online_verified_at = CASE WHEN staff.online_verified_at < @passwordChangedAt THEN NULL
            ELSE staff.online_verified_at END`),
        toLocal: (r) => ({
          login: r.login,
          fullName: r.full_name,
          role: r.role,
          active: bool(r.active),
          updatedAt: iso(r.updated_at),
          passwordChangedAt: iso(r.password_changed_at),
          mustChangePassword: bool(r.must_change_password),
        }),
      },
      accounts: {
        key: (r) => rowKey({ entity: 'account', id: Number(r.id) }),
        localVersion: db.prepare(`SELECT version FROM accounts WHERE id = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district,
          street, house, building, apartment, phone, email, house_type, status, opened_on, closed_on, version, updated_at)
          VALUES (@id, @number, @eirc_number, @surname, @first_name, @patronymic, @district, @street, @house, @building,
          @apartment, @phone, @email, @house_type, @status, @opened_on, @closed_on, @version, @updated_at)
          ON CONFLICT (id) DO UPDATE SET number = excluded.number, eirc_number = excluded.eirc_number,
          surname = excluded.surname, first_name = excluded.first_name, patronymic = excluded.patronymic,
          district = excluded.district, street = excluded.street, house = excluded.house, building = excluded.building,
          apartment = excluded.apartment, phone = excluded.phone, email = excluded.email, house_type = excluded.house_type,
          status = excluded.status, opened_on = excluded.opened_on, closed_on = excluded.closed_on,
          version = excluded.version, updated_at = excluded.updated_at`),
        // A subscriber's phone or email is most of what changes on an account (the website, the
        // card): the rest of the row, its search entry and its indexes stay as they are.
        narrowUpdate: db.prepare(`${NARROW_ACCOUNT_UPDATE} AND version < @version`),
        narrowForced: db.prepare(NARROW_ACCOUNT_UPDATE),
        toLocal: (r) => ({ ...r, id: Number(r.id), updated_at: iso(r.updated_at) }),
      },
      readings: {
        key: (r) => rowKey({ entity: 'reading', meterId: Number(r.meter_id), period: String(r.period) }),
        localVersion: db.prepare(`SELECT version FROM readings WHERE meter_id = ? AND period = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags,
          entered_by, overridden_by, override_reason, version) VALUES (@meterId, @period, @valueMilli, @receivedAt,
          @source, @late, @flags, @enteredBy, @overriddenBy, @overrideReason, @version)
          ON CONFLICT (meter_id, period) DO UPDATE SET value_milli = excluded.value_milli,
          received_at = excluded.received_at, source = excluded.source, late = excluded.late, flags = excluded.flags,
          entered_by = excluded.entered_by, overridden_by = excluded.overridden_by,
          override_reason = excluded.override_reason, version = excluded.version`),
        remove: db.prepare(`DELETE FROM readings WHERE meter_id = @meterId AND period = @period`),
        toLocal: (r) => ({
          meterId: Number(r.meter_id),
          period: r.period,
          valueMilli: Number(r.value_milli),
          receivedAt: iso(r.received_at),
          source: r.source,
          late: bool(r.late),
          flags: json(r.flags),
          enteredBy: staffId(r.entered_by),
          overriddenBy: staffId(r.overridden_by),
          overrideReason: r.override_reason ?? null,
          version: r.version,
        }),
      },
      // Which periods billing already has: decides where a reading goes and whether it is late.
      period_closures: {
        key: (r) => rowKey({ entity: 'periodClosure', period: String(r.period).trim() }),
        localVersion: db.prepare(`SELECT version FROM period_closures WHERE period = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO period_closures (period, closed, changed_by, changed_at, reason, version)
          VALUES (@period, @closed, @changed_by, @changed_at, @reason, @version) ON CONFLICT (period) DO UPDATE SET
          closed = excluded.closed, changed_by = excluded.changed_by, changed_at = excluded.changed_at,
          reason = excluded.reason, version = excluded.version`),
        toLocal: (r) => ({
          period: String(r.period).trim(),
          closed: bool(r.closed),
          changed_by: r.changed_by ?? null,
          changed_at: iso(r.changed_at),
          reason: r.reason ?? null,
          version: r.version,
        }),
      },
      claims: {
        key: (r) => rowKey({ entity: 'claim', claimed: String(r.entity_key) }),
        localVersion: db.prepare(`SELECT version FROM claims WHERE entity_key = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO claims (entity_key, staff_login, full_name, claimed_at, expires_at, version)
          VALUES (@entity_key, @staff_login, @full_name, @claimed_at, @expires_at, @version)
          ON CONFLICT (entity_key) DO UPDATE SET staff_login = excluded.staff_login, full_name = excluded.full_name,
          claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, version = excluded.version`),
        remove: db.prepare(`DELETE FROM claims WHERE entity_key = @entity_key`),
        toLocal: (r) => ({
          entity_key: r.entity_key,
          staff_login: r.staff_login,
          full_name: r.full_name,
          claimed_at: this.inConsoleTime(r.claimed_at),
          expires_at: this.inConsoleTime(r.expires_at),
          version: r.version,
        }),
      },
      portal_readings: {
        key: (r) => rowKey({ entity: 'webReading', id: Number(r.id) }),
        localVersion: db.prepare(`SELECT version FROM web_readings WHERE id = ?`).pluck(),
        upsert:
          db.prepare(`INSERT INTO web_readings (id, account_number, meter_serial, value_text, submitted_at, state,
          findings_json, period, decided_by, decided_at, decision_reason, version) VALUES (@id, @account_number,
          @meter_serial, @value_text, @submitted_at, @state, @findings, @period, @decided_by, @decided_at,
          @decision_reason, @version) ON CONFLICT (id) DO UPDATE SET state = excluded.state,
          findings_json = excluded.findings_json, period = excluded.period, decided_by = excluded.decided_by,
          decided_at = excluded.decided_at, decision_reason = excluded.decision_reason, version = excluded.version`),
        toLocal: (r) => ({
          ...r,
          id: Number(r.id),
          submitted_at: iso(r.submitted_at),
          decided_at: iso(r.decided_at),
          findings: json(r.findings),
          period: r.period ?? null,
          decided_by: r.decided_by ?? null,
          decision_reason: r.decision_reason ?? null,
        }),
      },
      sync_conflicts: {
        key: (r) => rowKey({ entity: 'conflict', id: Number(r.id) }),
        localVersion: db.prepare(`SELECT version FROM sync_conflicts WHERE id = ?`).pluck(),
        upsert: db.prepare(`INSERT INTO sync_conflicts (id, kind, entity_key, field, central_value_json,
          console_value_json, command_id, raised_by, raised_at, resolved_by, resolved_at, resolution_json, version)
          VALUES (@id, @kind, @entity_key, @field, @central, @console, @command_id, @raised_by, @raised_at,
          @resolved_by, @resolved_at, @resolution, @version) ON CONFLICT (id) DO UPDATE SET
          resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at,
          resolution_json = excluded.resolution_json, version = excluded.version`),
        toLocal: (r) => ({
          ...r,
          id: Number(r.id),
          central: json(r.central_value),
          console: json(r.console_value),
          resolution: json(r.resolution),
          raised_at: iso(r.raised_at),
          resolved_at: iso(r.resolved_at),
        }),
      },
    }
    // Every other catalogue table is written column for column, as the catalogue declares it.
    for (const declared of SYNCED_TABLES) this.tables[declared.central] ??= declaredTable(db, declared)
    this.withNewerOnly()
  }

  /** Versioned tables take a row only when it is newer, inside the upsert itself. */
  private withNewerOnly(): void {
    for (const table of Object.values(this.tables)) {
      if (!table) continue
      const source = table.upsert.source
      const target = /INSERT INTO (\w+)/.exec(source)?.[1]
      if (target && /version = excluded\.version/.test(source))
        table.upsertNewer = this.db.prepare(`${source} WHERE excluded.version > ${target}.version`)
    }
  }

  /** The row's key values as the console's table holds them (the catalogue's key, typed). */
  private versionArgs(table: string, row: Row): unknown[] {
    const declared = syncedTable(table)!
    return declared.key.map((name) => keyValue(declared, name, row[name]))
  }

  /**
   * The initial copy writes millions of readings: the coverage tallies' triggers stand aside until
   * it ends (stored, so a copy resumed after a restart keeps them aside) and count once instead.
   */
  beginInitialCopy(): void {
    pauseCoverageUpkeep(this.db)
  }

  /** The copy's last page: in its transaction, every tally counted afresh, the triggers back on. */
  endInitialCopy(): void {
    resumeCoverageUpkeep(this.db)
  }

  /** Applies images in order; returns how many were written. */
  private inConsoleTime(value: unknown): string | null {
    const at = iso(value)
    return at === null ? null : new Date(Date.parse(at) + this.consoleAheadMs()).toISOString()
  }

  /** The central tables this mirror writes (held to `shared/central/table-catalogue.ts` by a test). */
  mirroredTables(): string[] {
    return Object.keys(this.tables)
  }

  /** The row key the mirror knows a central row by, or null for a table it does not mirror. */
  rowKeyOf(central: string, row: Record<string, unknown>): string | null {
    return this.tables[central]?.key(row) ?? null
  }

  /** The row-key entities written since the last call: what the screens showing them must redraw. */
  takeTouched(): string[] {
    const entities = new Set([...this.touched].map((central) => syncedTable(central)!.entity))
    this.touched.clear()
    return [...entities]
  }

  apply(rows: CentralRow[], options: { force?: boolean } = {}): number {
    return this.applyWith(rows, () => undefined, options)
  }

  /**
   * For callers that record something in the same transaction as the rows: a feed cursor, or the
   * outbox marks of answered commands. It runs first, so rows of commands just answered are no
   * longer held back as pending.
   */
  applyWith(rows: CentralRow[], alsoInTransaction: () => void, options: { force?: boolean } = {}): number {
    let written = 0
    this.db.pragma('foreign_keys = OFF')
    try {
      this.db.transaction(() => {
        alsoInTransaction()
        written = this.applyInside(rows, options)
      })()
    } finally {
      this.db.pragma('foreign_keys = ON')
    }
    return written
  }

  private applyInside(rows: CentralRow[], options: { force?: boolean }): number {
    let written = 0
    const dueTouched = new Set<number>()
    let allDueTouched = false
    // Usually nothing is queued: then no row needs the per-key look-up (pulls of thousands of rows).
    const checkPending = this.anyPending.get() === 1
    for (const change of rows) {
      const table = this.tables[change.table]
      if (!table) continue
      if (checkPending && this.pending.get(table.key(change.row))) continue
      // Offered rows, written or not (an older image is not): a screen redraws once more, never once
      // less. The table is noted, its entity looked up once when taken: a pull is thousands of rows.
      this.touched.add(change.table)
      if (change.op === 'D') {
        // Deletes happen only when the central database took back what a console had saved.
        if (table.remove) written += table.remove.run(table.toLocal(change.row)).changes
        continue
      }
      if (change.table === 'portal_questions') dueTouched.add(Number(change.row.id))
      else if (change.table === 'portal_question_steps') dueTouched.add(Number(change.row.question_id))
      else if (change.table === 'inbox_settings') allDueTouched = true
      const image = table.toLocal(change.row)
      // Only a central update can be narrow; an insert (the initial copy) never is.
      const narrow = options.force ? table.narrowForced : table.narrowUpdate
      if (change.op === 'U' && narrow?.run(image).changes === 1) {
        written += 1
        continue
      }
      if (!options.force && table.upsertNewer) {
        written += table.upsertNewer.run(image).changes
        continue
      }
      if (!options.force) {
        const local = table.localVersion.get(...this.versionArgs(change.table, change.row)) as
          number | null | undefined
        if (local !== undefined && local !== null && Number(change.row.version) <= local) continue
      }
      table.upsert.run(image)
      written += 1
    }
    // Derived in the same transaction, so the inbox never shows a question without its due date.
    const upkeep = questionDueUpkeep(this.db)
    if (allDueTouched) upkeep.refreshOpen(new Date())
    else if (dueTouched.size) upkeep.refresh(dueTouched, new Date())
    return written
  }
}

/** A value as the console's table keeps a column of this type. */
function localValueOf(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (type) {
    case 'id':
    case 'int':
    case 'bigint':
      return Number(value)
    case 'bool':
      return bool(value)
    case 'at':
      return iso(value)
    case 'date':
      return String(value).slice(0, 10)
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value)
    default:
      return value
  }
}

/** A key column's value as the local table's look-up takes it: a number, or text without char padding. */
function keyValue(declared: SyncedTable, name: string, value: unknown): unknown {
  const column = declared.columns[name]
  const type = column === undefined ? 'text' : columnOf(name, column).type
  return type === 'id' || type === 'int' || type === 'bigint' ? Number(value) : String(value).trim()
}

/**
 * A catalogue table written column for column under its local names (docs/architecture.md#adding-a-synced-table):
 * its row key by its entity and key, the upsert and the version look-up by its key, the delete when the
 * service may take a row back. The conversions are chosen once per column, not per row.
 */
export function declaredTable(db: BetterSqlite3.Database, declared: SyncedTable): MirroredTable {
  if (!isIdEntity(declared.entity) || declared.key.length !== 1)
    throw new Error(`${declared.central} needs a writer of its own in the mirror`)
  const entity = declared.entity
  const keyName = declared.key[0]!
  const columns = Object.entries(declared.columns).map(([name, column]) => columnOf(name, column))
  const local = (name: string) => columns.find((column) => column.name === name)?.local ?? name
  const keyLocal = local(keyName)
  const names = columns.map((column) => column.local)
  return {
    key: (r) => rowKey({ entity, id: Number(r[keyName]) }),
    localVersion: db.prepare(`SELECT version FROM ${declared.local} WHERE ${keyLocal} = ?`).pluck(),
    upsert: db.prepare(`INSERT INTO ${declared.local} (${names.join(', ')})
      VALUES (${names.map((name) => `@${name}`).join(', ')})
      ON CONFLICT (${keyLocal}) DO UPDATE SET ${names
        .filter((name) => name !== keyLocal)
        .map((name) => `${name} = excluded.${name}`)
        .join(', ')}`),
    remove: declared.removable
      ? db.prepare(`DELETE FROM ${declared.local} WHERE ${keyLocal} = @${keyLocal}`)
      : undefined,
    toLocal: (r) => {
      const image: Row = {}
      for (const column of columns) image[column.local] = localValueOf(column.type, r[column.name])
      return image
    },
  }
}
