/**
 * The question tables' names before they took one name (docs/central-service.md#one-name-for-questions).
 * A console built before then sends no `names` and knows only these: the feed and the first copy
 * speak them to it, so it neither skips the questions as an unknown table nor stops, until it
 * updates. Remove once every console in the field sends `names`.
 */
const OLD_TABLE_NAMES: Readonly<Record<string, string>> = {
  portal_questions: 'portal_feedback',
  portal_question_messages: 'portal_feedback_messages',
  portal_question_steps: 'portal_feedback_steps',
}
const OLD_COLUMN_NAMES: Readonly<Record<string, string>> = { question_id: 'feedback_id' }

/** The one test of which names a console reads: one that sends no `names` predates them. */
export const speaksOldNames = (request: { names?: number }): boolean => request.names === undefined

/** A table's or column's name as the console reads it. */
export const spokenTable = (table: string, oldNames: boolean): string =>
  oldNames ? (OLD_TABLE_NAMES[table] ?? table) : table
export const spokenColumn = (column: string, oldNames: boolean): string =>
  oldNames ? (OLD_COLUMN_NAMES[column] ?? column) : column

/** `rowData` (a feed row's JSON in SQL; `c` is the change_log row) with the old column names. */
export function withOldColumnNames(rowData: string): string {
  const renamed = Object.entries(OLD_COLUMN_NAMES).reduce(
    (json, [now, old]) =>
      `(CASE WHEN ${json} ? '${now}' THEN ${json} - '${now}' || jsonb_build_object('${old}', ${json} -> '${now}') ELSE ${json} END)`,
    `(${rowData})`,
  )
  const tables = Object.keys(OLD_TABLE_NAMES)
    .map((name) => `'${name}'`)
    .join(', ')
  return `CASE WHEN c.table_name IN (${tables}) THEN ${renamed} ELSE ${rowData} END`
}
