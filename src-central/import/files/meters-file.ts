import { billingMeterRow } from '../billing-rows'
import { refuseUnknownAccounts, resolveAccountIds, type BillingFile } from '../billing-file'

const FIELDS: [string, string][] = [
  ['place', 'text'],
  ['installed_on', 'date'],
  ['verification_due', 'date'],
  ['digits', 'integer'],
  ['status', 'text'],
  ['removed_on', 'date'],
]
const NAMES = FIELDS.map(([name]) => name)

/** `meters.csv`: a meter is known by its account and serial. */
export const metersFile: BillingFile<typeof billingMeterRow> = {
  name: 'meters',
  schema: billingMeterRow,
  columns: [['account_number', 'text'], ['serial', 'text'], ...FIELDS],
  toColumns: (r) => [
    r.account_number,
    r.serial,
    r.place,
    r.installed_on,
    r.verification_due,
    r.digits,
    r.removed_on ? 'removed' : 'active',
    r.removed_on,
  ],
  key: (r) => `${r.account_number}\u0000${r.serial}`,
  refuseInDatabase: refuseUnknownAccounts,
  async merge(client, full) {
    const changed = NAMES.map((c) => `m.${c}`).join(', ')
    const incoming = NAMES.map((c) => `s.${c}`).join(', ')
    await resolveAccountIds(client)
    const updated = await client.query(
      `UPDATE meters m SET ${NAMES.map((c) => `${c} = s.${c}`).join(', ')}
      FROM import_rows s WHERE m.account_id = s.account_id AND m.serial = s.serial
      AND (${changed}) IS DISTINCT FROM (${incoming})`,
    )
    await client.query(`SELECT setval('meters_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM meters), false)`)
    const added = await client.query(
      `INSERT INTO meters (account_id, serial, ${NAMES.join(', ')})
      SELECT s.account_id, s.serial, ${incoming} FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM meters m WHERE m.account_id = s.account_id AND m.serial = s.serial)
      ORDER BY s.line`,
    )
    const closed = full
      ? await client.query(
          `UPDATE meters m SET status = 'removed', removed_on = current_date
          WHERE m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM import_rows s WHERE s.account_id = m.account_id AND s.serial = m.serial)`,
        )
      : { rowCount: 0 }
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: closed.rowCount ?? 0 }
  },
}
