import { billingPaymentRow } from '../billing-rows'
import { refuseUnknownAccounts, resolveAccountIds, type BillingFile } from '../billing-file'

const FIELDS = ['account_id', 'paid_on', 'amount_kopecks', 'channel']

/**
 * `payments.csv`: a payment billing received, known by billing's own document number. A corrected
 * payment arrives under the same number; history is never closed or removed.
 */
export const paymentsFile: BillingFile<typeof billingPaymentRow> = {
  name: 'payments',
  schema: billingPaymentRow,
  columns: [
    ['payment_id', 'text'],
    ['account_number', 'text'],
    ['paid_on', 'date'],
    ['amount_kopecks', 'bigint'],
    ['channel', 'text'],
  ],
  toColumns: (r) => [r.payment_id, r.account_number, r.paid_on, r.amount, r.channel],
  key: (r) => r.payment_id,
  refuseInDatabase: refuseUnknownAccounts,
  async merge(client) {
    await resolveAccountIds(client)
    const updated = await client.query(
      `UPDATE payments p SET ${FIELDS.map((c) => `${c} = s.${c}`).join(', ')} FROM import_rows s
      WHERE p.billing_id = s.payment_id
      AND (${FIELDS.map((c) => `p.${c}`).join(', ')}) IS DISTINCT FROM (${FIELDS.map((c) => `s.${c}`).join(', ')})`,
    )
    const added = await client.query(
      `INSERT INTO payments (billing_id, ${FIELDS.join(', ')})
      SELECT s.payment_id, ${FIELDS.map((c) => `s.${c}`).join(', ')} FROM import_rows s
      WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.billing_id = s.payment_id) ORDER BY s.line`,
    )
    return { added: added.rowCount ?? 0, updated: updated.rowCount ?? 0, closed: 0 }
  },
}
