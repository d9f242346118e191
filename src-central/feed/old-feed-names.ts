/**
 * The question tables' names before they took one name (docs/central-service.md#one-name-for-questions).
 * A console built before then sends no `names` and knows only these: the feed and the first copy
 * speak them to it, so it neither skips the questions as an unknown table nor stops, until it
 * updates. Remove once every console in the field sends `names`.
 */
export const OLD_TABLE_NAMES: Readonly<Record<string, string>> = {
  portal_questions: 'portal_feedback',
  portal_question_messages: 'portal_feedback_messages',
  portal_question_steps: 'portal_feedback_steps',
}
export const OLD_COLUMN_NAMES: Readonly<Record<string, string>> = { question_id: 'feedback_id' }

/** A feed row's JSON with the old column names, in SQL (`c` is the change_log row). */
export const OLD_NAMES_SQL = {
  row: (rowData: string) =>
    `CASE WHEN c.table_name IN (${Object.keys(OLD_TABLE_NAMES)
      .map((name) => `'${name}'`)
      .join(', ')}) THEN ${Object.entries(OLD_COLUMN_NAMES).reduce(
      (json, [now, old]) =>
        `(CASE WHEN ${json} ? '${now}' THEN ${json} - '${now}' || jsonb_build_object('${old}', ${json} -> '${now}') ELSE ${json} END)`,
      `(${rowData})`,
    )} ELSE ${rowData} END`,
}
