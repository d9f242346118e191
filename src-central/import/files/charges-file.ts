import { billingChargeRow } from '../billing-rows'
import { refuseUnknownAccounts, resolveAccountIds, type BillingFile } from '../billing-file'

/**
 * `charges.csv`: what billing charged a private house for a period and service. Known by account,
 * period and service; a recalculation arrives as the same key with a new amount. History is never
 * closed or removed, so a full export changes nothing it does not list.
 */
export const chargesFile: BillingFile<typeof billingChargeRow> = {
  name: 'charges',
  schema: billingChargeRow,
  columns: [
    ['account_number', 'text'],
    ['period', 'text'],
    ['service', 'text'],
    ['amount_kopecks', 'bigint'],
  ],
  toColumns: (r) => [r.account_number, r.period, r.service, r.amount],
  key: (r) => `${r.account_number}\u0000${r.period}\u0000${r.service}`,
  refuseInDatabase: refuseUnknownAccounts,
  async merge(client) {
    await resolveAccountIds(client)
    const updated = await client.query(
      `UPDATE charges c SET amount_kopecks = s.amount_kopecks FROM import_rows s
      WHERE c.account_id = s.account_id AND c.period = s.period AND c.service = s.service
      AND c.amount_kopecks <> s.amount_kopecks`,
    )
    const added = await client.query(
      `INSERT INTO charges (account_id, period, service, amount_kopecks)
      SELECT s.account_id, s.period, s.service, s.amount_kopecks FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM charges c
        WHERE c.account_id = s.account_id AND c.period = s.period AND c.service = s.service)
      ORDER BY s.line`,
    )
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: 0 }
  },
}
