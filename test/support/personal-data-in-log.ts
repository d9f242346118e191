import { existsSync, readFileSync } from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'

/**
 * The subscribers' names, phones and emails this console holds that appear in its log file
 * (docs/delivery.md#logs): a run of the e2e suite must leave none. Every end-to-end test's console is checked
 * before its files are removed.
 */
export function personalDataInLog(db: BetterSqlite3.Database, logFile: string): string[] {
  if (!existsSync(logFile)) return [`no log file at ${logFile}`]
  const log = readFileSync(logFile, 'utf8')
  const values = db
    .prepare(
      `SELECT surname FROM accounts UNION SELECT first_name FROM accounts UNION SELECT phone FROM accounts
      UNION SELECT email FROM accounts UNION SELECT email FROM web_registrations
      UNION SELECT surname FROM web_registrations UNION SELECT email FROM web_questions
      UNION SELECT surname FROM web_questions UNION SELECT phone FROM web_questions`,
    )
    .pluck()
    .all() as (string | null)[]
  return values.filter((value): value is string => !!value && value.length >= 3 && log.includes(value))
}
