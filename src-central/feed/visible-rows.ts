/**
 * What a console may see of a central row (docs/central-service.md#the-change-feed). Secrets never
 * leave the service: staff and subscribers' password hashes (a console checks passwords through the
 * service, never against a central hash; 152-FZ), a web registration's activation token (whoever holds
 * it activates the cabinet; a reset link's token hash likewise), and document bodies (fetched one at a time by a signed-in person). Tables a
 * console does not mirror never leave the service at all. `hidden-columns.test.ts` holds every column
 * named like a secret to this list.
 */
export const HIDDEN_COLUMNS: Record<string, readonly string[]> = {
  staff: ['password_hash'],
  portal_registrations: ['password_hash', 'activation_token'],
  portal_request_attachments: ['content'],
  portal_password_resets: ['token_hash'],
}

export const CONSOLE_TABLES = new Set([
  'staff',
  'accounts',
  'meters',
  'readings',
  'charges',
  'payments',
  'period_closures',
  'cabinets',
  'sync_conflicts',
  'portal_readings',
  'portal_registrations',
  'portal_questions',
  'portal_question_messages',
  'portal_question_steps',
  'reply_templates',
  'inbox_settings',
  'portal_requests',
  'portal_request_steps',
  'portal_request_attachments',
  'account_owners',
  'claims',
  'portal_password_resets',
])

export function visibleRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const hidden = HIDDEN_COLUMNS[table]
  if (!hidden) return row
  const copy = { ...row }
  for (const column of hidden) delete copy[column]
  return copy
}
