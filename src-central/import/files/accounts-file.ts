import { billingAccountRow } from '../billing-rows'
import type { BillingFile } from '../billing-file'

const FIELDS: [string, string][] = [
  ['eirc_number', 'text'],
  ['surname', 'text'],
  ['first_name', 'text'],
  ['patronymic', 'text'],
  ['district', 'text'],
  ['street', 'text'],
  ['house', 'text'],
  ['building', 'text'],
  ['apartment', 'text'],
  ['phone', 'text'],
  ['email', 'text'],
  ['house_type', 'text'],
  ['status', 'text'],
  ['opened_on', 'date'],
  ['closed_on', 'date'],
]
const NAMES = FIELDS.map(([name]) => name)

/** `accounts.csv`: an account is known by its number. */
export const accountsFile: BillingFile<typeof billingAccountRow> = {
  name: 'accounts',
  schema: billingAccountRow,
  columns: [['number', 'text'], ...FIELDS],
  toColumns: (r) => [
    r.account_number,
    r.eirc_number,
    r.surname,
    r.first_name,
    r.patronymic,
    r.district,
    r.street,
    r.house,
    r.building,
    r.apartment,
    r.phone,
    r.email,
    r.house_type,
    r.closed_on ? 'closed' : 'active',
    r.opened_on,
    r.closed_on,
  ],
  key: (r) => r.account_number,
  async refuseInDatabase(client) {
    const { rows } = await client.query<{ line: number; other: string }>(
      `DELETE FROM import_rows s USING accounts a
      WHERE a.eirc_number = s.eirc_number AND a.number <> s.number RETURNING s.line, a.number AS other`,
    )
    return rows.map((r) => ({
      line: r.line,
      reason: `eirc_number: этот номер ЕИРЦ у лицевого счёта ${r.other}`,
    }))
  },
  async merge(client, full) {
    const changed = NAMES.map((c) => `a.${c}`).join(', ')
    const incoming = NAMES.map((c) => `s.${c}`).join(', ')
    // Billing is the master of what it exports: a row differing in any exported field is updated,
    // an identical one is left alone (so a second run of the same files changes nothing).
    const updated = await client.query(
      `UPDATE accounts a SET ${NAMES.map((c) => `${c} = s.${c}`).join(', ')}, updated_at = now()
      FROM import_rows s WHERE a.number = s.number AND (${changed}) IS DISTINCT FROM (${incoming})`,
    )
    await client.query(
      `SELECT setval('accounts_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM accounts), false)`,
    )
    const added = await client.query(
      `INSERT INTO accounts (number, ${NAMES.join(', ')})
      SELECT s.number, ${incoming} FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.number = s.number) ORDER BY s.line`,
    )
    const closed = full
      ? await client.query(
          `UPDATE accounts a SET status = 'closed', closed_on = current_date, updated_at = now()
          WHERE a.status = 'active' AND NOT EXISTS (SELECT 1 FROM import_rows s WHERE s.number = a.number)`,
        )
      : { rowCount: 0 }
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: closed.rowCount ?? 0 }
  },
}
