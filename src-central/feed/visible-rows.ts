import { SYNCED_TABLES } from '@shared/central/table-catalogue'

/**
 * What a console may see of a central row (docs/central-service.md#the-change-feed). Secrets never
 * leave the service: staff and subscribers' password hashes (a console checks passwords through the
 * service, never against a central hash; 152-FZ), a web registration's activation token (whoever holds
 * it activates the cabinet; a reset link's token hash likewise), and document bodies (fetched one at a time by a signed-in person). Tables a
 * console does not mirror never leave the service at all. Both lists come from the table catalogue;
 * `hidden-columns.test.ts` holds every column named like a secret to it.
 */
export const HIDDEN_COLUMNS: Record<string, readonly string[]> = Object.fromEntries(
  SYNCED_TABLES.flatMap((table) => ('hidden' in table ? [[table.central, table.hidden]] : [])),
)

/** The tables consoles mirror (`shared/central/table-catalogue.ts`); no other table's rows leave the service. */
export const CONSOLE_TABLES: ReadonlySet<string> = new Set(SYNCED_TABLES.map((table) => table.central))

export function visibleRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const hidden = HIDDEN_COLUMNS[table]
  if (!hidden) return row
  const copy = { ...row }
  for (const column of hidden) delete copy[column]
  return copy
}
