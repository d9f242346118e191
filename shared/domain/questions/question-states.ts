/**
 * Subscribers' questions (docs/business-rules.md#subscribers-questions): the states a question passes
 * through.
 *  - new: arrived, nobody has it yet;
 *  - taken: someone has it (assigned, by rotation, by a supervisor or by answering it);
 *  - waiting: an answer went out and staff wait for the subscriber: the due clock stands still;
 *  - answered: answered and done; closed: done without an answer of its own (a duplicate, say).
 * A subscriber who writes again wakes a waiting, answered or closed question.
 */
export const QUESTION_STATES = ['new', 'taken', 'waiting', 'answered', 'closed'] as const
export type QuestionState = (typeof QUESTION_STATES)[number]

/** The states in which the due clock runs: the question is on staff. */
export const clockRuns = (state: QuestionState) => state === 'new' || state === 'taken'

export const isDone = (state: QuestionState) => state === 'answered' || state === 'closed'

export function isQuestionState(value: string): value is QuestionState {
  return (QUESTION_STATES as readonly string[]).includes(value)
}

/** Where a question came from, and how the subscriber wants the answer. */
export const QUESTION_CHANNELS = ['web', 'phone'] as const
export const REPLY_BY = ['email', 'phone'] as const
export type ReplyBy = (typeof REPLY_BY)[number]

/** The subjects an operator picks from when logging a call (the website's form offers the same). */
export const QUESTION_SUBJECTS = [
  'Расчёт начислений',
  'Показания счётчиков',
  'Оплата и задолженность',
  'Перерасчёт',
  'Личный кабинет',
  'Другое',
] as const

/** Why a question is closed without an answer of its own. */
export const CLOSE_REASONS = ['duplicate', 'resolved', 'spam'] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]

/** Calendar days a question is given, unless a supervisor set otherwise (docs/business-rules.md#subscribers-questions). */
export const DEFAULT_DUE_DAYS = 30
/** Open questions one person may be given by the rotation, unless a supervisor set otherwise. */
export const DEFAULT_OPEN_CAP = 25
