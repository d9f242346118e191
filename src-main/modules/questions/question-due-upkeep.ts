import type BetterSqlite3 from 'better-sqlite3'
import { questionDue, type QuestionStep } from '@shared/domain/questions/question-due'
import { clockRuns, isQuestionState, type QuestionState } from '@shared/domain/questions/question-states'

/** Steps as the console has them: the central ones, then this console's change not yet confirmed. */
export function stepsOf(
  recorded: { state: string; at: string }[],
  question: { state: string; submittedAt: string },
  now: Date,
): QuestionStep[] {
  const steps: QuestionStep[] = recorded
    .filter((step) => isQuestionState(step.state))
    .map((step) => ({ state: step.state as QuestionState, at: step.at }))
  if (!steps.length) steps.push({ state: 'new', at: question.submittedAt })
  const state = isQuestionState(question.state) ? question.state : 'new'
  if (steps.at(-1)!.state !== state) steps.push({ state, at: now.toISOString() })
  return steps
}

/**
 * Keeps each question's `due_on` and `clock_stopped` as the shared rule says
 * (shared/domain/questions/question-due.ts), so the inbox filters "overdue" by an index. A running
 * clock's due date does not depend on today, so it is stored; a stopped one is recomputed when shown.
 * Called by the mirror for the questions whose row or steps arrived, by the commands that change a
 * question's state here, and for all open ones when the supervisors change the number of days.
 */
export class QuestionDueUpkeep {
  private readonly s

  constructor(db: BetterSqlite3.Database) {
    this.s = {
      dueDays: db.prepare(`SELECT due_days FROM inbox_settings WHERE id = 1`).pluck(),
      question: db.prepare(`SELECT state, submitted_at AS submittedAt FROM web_questions WHERE id = ?`),
      steps: db.prepare(
        `SELECT to_state AS state, at FROM web_question_steps WHERE question_id = ? ORDER BY id`,
      ),
      write: db.prepare(`UPDATE web_questions SET due_on = @dueOn, clock_stopped = @stopped
        WHERE id = @id AND (due_on IS NOT @dueOn OR clock_stopped IS NOT @stopped)`),
      open: db.prepare(`SELECT id FROM web_questions WHERE state IN ('new', 'taken', 'waiting')`).pluck(),
    }
  }

  dueDays(): number {
    return (this.s.dueDays.get() as number | undefined) ?? 30
  }

  refresh(ids: Iterable<number>, now: Date): void {
    const dueDays = this.dueDays()
    for (const id of ids) {
      const question = this.s.question.get(id) as { state: string; submittedAt: string } | undefined
      if (!question) continue
      const steps = stepsOf(this.s.steps.all(id) as { state: string; at: string }[], question, now)
      const running = clockRuns(steps.at(-1)!.state)
      this.s.write.run({ id, dueOn: questionDue(steps, dueDays, now).dueOn, stopped: running ? 0 : 1 })
    }
  }

  refreshOpen(now: Date): void {
    this.refresh(this.s.open.all() as number[], now)
  }
}

const upkeeps = new WeakMap<BetterSqlite3.Database, QuestionDueUpkeep>()

export function questionDueUpkeep(db: BetterSqlite3.Database): QuestionDueUpkeep {
  let upkeep = upkeeps.get(db)
  if (!upkeep) upkeeps.set(db, (upkeep = new QuestionDueUpkeep(db)))
  return upkeep
}
