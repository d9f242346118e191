import type { questionsChannels } from '@shared/contract'
import type { Command } from '../../commands/pipeline'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import type { Session } from '../auth/sessions'
import { releaseClaim, takeClaim, takeOverClaim } from '../claims/claims'
import { assignQuestion, closeQuestion, linkQuestion } from './change-question'
import {
  readInboxSettings,
  readTemplates,
  removeTemplate,
  saveInboxSettings,
  saveTemplate,
} from './inbox-settings'
import { logQuestion } from './log-question'
import { questionDetailReader } from './question-detail'
import { questionClaimKey, questionReader } from './question-reader'
import { addNote, answerQuestion } from './write-message'

/** The subscribers' questions inbox (docs/business-rules.md#subscribers-questions), over the console's copy. */
export function questionsHandlers(deps: ModuleDeps): Handlers<keyof typeof questionsChannels> {
  const db = deps.local.sql
  const reader = questionReader(db)
  const details = questionDetailReader(db)

  /** One command and the central word on it; refusals raised. */
  async function decide<I>(command: Command<I, Record<string, never>>, input: I, session: Session) {
    const { state } = await runAndHearCentral(deps, command, input, { staff: session.staff })
    return { state }
  }

  /** A bulk action: each question its own command, decided on its own; the counts say how it went. */
  async function each<I>(command: Command<I, Record<string, never>>, inputs: I[], session: Session) {
    const outcomes = await Promise.allSettled(inputs.map((input) => decide(command, input, session)))
    const count = (state: string) =>
      outcomes.filter((o) => o.status === 'fulfilled' && o.value.state === state).length
    const refused = outcomes.filter((o) => o.status === 'rejected')
    if (refused.length === outcomes.length) throw (refused[0] as PromiseRejectedResult).reason
    return { applied: count('applied'), queued: count('queued'), refused: refused.length }
  }

  return {
    'questions.inbox': (input, { session }) => {
      const me = session.staff.login
      const now = deps.clock.now()
      return {
        ...reader.inbox(input.view, input.search, input.limit, me, now),
        counts: reader.counts(me, now),
      }
    },

    'questions.open': (input, { session }) => {
      const staff = session.staff
      const row = reader.require(input.questionId)
      // One someone else has open opens read-only, with their name on it; a done one claims nothing.
      if (row.state !== 'answered' && row.state !== 'closed')
        try {
          deps.pipeline.run(takeClaim, { entityKey: questionClaimKey(row.id) }, { staff })
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'ALREADY_CLAIMED') throw error
        }
      return details.detail(row.id, staff.login, deps.clock.now())
    },

    'questions.detail': (input, { session }) =>
      details.detail(reader.require(input.questionId).id, session.staff.login, deps.clock.now()),

    'questions.release': (input, { session }) => {
      deps.pipeline.run(
        releaseClaim,
        { entityKey: questionClaimKey(input.questionId) },
        { staff: session.staff },
      )
      return {}
    },

    'questions.takeOver': (input, { session }) =>
      runAndHearCentral(
        deps,
        takeOverClaim,
        { entityKey: questionClaimKey(input.questionId) },
        { staff: session.staff },
      ).then(({ state }) => ({ state })),

    'questions.ofAccount': (input, { session }) => ({
      items: reader.ofAccount(input.accountNumber, session.staff.login, deps.clock.now()),
    }),

    'questions.log': (input, { session }) => decide(logQuestion, input, session),
    'questions.answer': (input, { session }) => decide(answerQuestion, input, session),
    'questions.note': (input, { session }) => decide(addNote, input, session),
    'questions.link': (input, { session }) => decide(linkQuestion, input, session),

    'questions.assign': (input, { session }) =>
      each(
        assignQuestion,
        input.questionIds.map((questionId) => ({ questionId, to: input.to })),
        session,
      ),
    'questions.close': (input, { session }) =>
      each(
        closeQuestion,
        input.questionIds.map((questionId) => ({
          questionId,
          reason: input.reason,
          duplicateOf: input.duplicateOf,
        })),
        session,
      ),
    'questions.noteMany': (input, { session }) =>
      each(
        addNote,
        input.questionIds.map((questionId) => ({ questionId, body: input.body })),
        session,
      ),

    'questions.templates': () => ({ items: readTemplates(db) }),
    'questions.saveTemplate': (input, { session }) => decide(saveTemplate, input, session),
    'questions.removeTemplate': (input, { session }) => decide(removeTemplate, input, session),
    'questions.settings': () => readInboxSettings(db),
    'questions.saveSettings': (input, { session }) => decide(saveInboxSettings, input, session),
  }
}
