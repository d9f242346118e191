import type pg from 'pg'
import type { StaffWorkAnswer } from '@shared/central/api'
import { moscowDate } from '@shared/domain/moscow-time'

/** A day's work is at least this long: one form typed in a day is not "a thousand forms an hour". */
const MIN_DAY_HOURS = 0.25
const DECISIONS = [
  'registrations.decide',
  'requests.step',
  'requests.complete',
  'questions.answer',
  'questions.close',
  'readings.reviewWeb',
]

/**
 * Staff productivity for a period (docs/business-rules.md#reports-exports-and-the-audit-trail), from the
 * central audit trail — the one place every console's work meets: the paper forms each person entered and at
 * what pace (forms per hour of their working span each Moscow day, first form to last), and the decisions
 * each made. Only applied commands count; the times are when the person made them on the console (a command
 * made offline counts in the month it was made, however late it arrived).
 */
export async function staffWork(pool: pg.Pool, from: string, to: string): Promise<StaffWorkAnswer> {
  const { rows } = await pool.query<{
    login: string
    full_name: string
    command: string
    made: string
    paper: boolean
  }>(
    // A recorded reading is a paper form only when its readings came from paper: a phone reading an
    // operator took on the card is not a form typed from the stack.
    `SELECT a.staff_login AS login, coalesce(s.full_name, a.staff_login) AS full_name, a.detail->>'command' AS command,
      coalesce(a.detail->>'madeAt', a.at::text) AS made,
      EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(a.detail::jsonb->'changes', '[]'::jsonb)) c
        WHERE c->'after'->>'source' = 'paper') AS paper
    FROM central_audit a LEFT JOIN staff s ON s.login = a.staff_login
    WHERE a.action = 'command' AND a.detail->>'outcome' = 'applied' AND a.staff_login IS NOT NULL
      AND a.at >= $1::timestamptz - interval '1 day'
      AND coalesce(a.detail->>'madeAt', a.at::text)::timestamptz >= $1::timestamptz
      AND coalesce(a.detail->>'madeAt', a.at::text)::timestamptz < $2::timestamptz`,
    [from, to],
  )
  const people = new Map<
    string,
    { fullName: string; forms: number; decisions: number; days: Map<string, [number, number]> }
  >()
  for (const row of rows) {
    const person = people.get(row.login) ?? {
      fullName: row.full_name,
      forms: 0,
      decisions: 0,
      days: new Map(),
    }
    people.set(row.login, person)
    if (DECISIONS.includes(row.command)) person.decisions += 1
    if (row.command !== 'readings.record' || !row.paper) continue
    person.forms += 1
    const made = Date.parse(row.made)
    const day = moscowDate(new Date(made))
    const span = person.days.get(day)
    person.days.set(day, span ? [Math.min(span[0], made), Math.max(span[1], made)] : [made, made])
  }
  return {
    people: [...people]
      .map(([login, person]) => {
        const hours = [...person.days.values()].reduce(
          (sum, [first, last]) => sum + Math.max(MIN_DAY_HOURS, (last - first) / 3_600_000),
          0,
        )
        return {
          login,
          fullName: person.fullName,
          forms: person.forms,
          hours: Math.round(hours * 10) / 10,
          formsPerHour: hours ? Math.round((person.forms / hours) * 10) / 10 : null,
          decisions: person.decisions,
        }
      })
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
  }
}
