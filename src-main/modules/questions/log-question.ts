import type { ParsedInput } from '@shared/contract'
import { capitaliseName, personNameProblem } from '@shared/domain/requests/completion-rules'
import { defineSyncedCommand } from '../../commands/pipeline'
import { AppError } from '../../errors'

type PhoneQuestion = ParsedInput<'questions.log'>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[\d\s()-]{10,20}$/

/**
 * A question taken by phone (docs/business-rules.md#subscribers-questions): checked here as the central
 * service will, then queued; it appears in the inbox, with its number, when the central database has it (at
 * once online). The operator who took the call has it.
 */
export const logQuestion = defineSyncedCommand('questions.log')<PhoneQuestion, Record<string, never>>({
  outboxPayload: (input) => ({
    caller: {
      surname: capitaliseName(input.surname),
      firstName: capitaliseName(input.firstName),
      patronymic: input.patronymic ? capitaliseName(input.patronymic) : null,
    },
    accountNumber: input.accountNumber || null,
    subject: input.subject,
    message: input.message,
    replyBy: input.replyBy,
    email: input.email.toLowerCase() || null,
    phone: input.phone || null,
  }),
  apply(db, input, ctx) {
    const problem = personNameProblem({
      surname: input.surname,
      firstName: input.firstName,
      patronymic: input.patronymic || null,
    })
    if (problem) throw new AppError('APPLICANT_NAME', { problem })
    if (input.email && !EMAIL.test(input.email)) throw new AppError('INVALID_INPUT', { fields: 'email' })
    if (input.phone && !PHONE.test(input.phone)) throw new AppError('INVALID_INPUT', { fields: 'phone' })
    if (input.replyBy === 'email' && !input.email) throw new AppError('NO_EMAIL_FOR_REPLY')
    if (input.replyBy === 'phone' && !input.phone) throw new AppError('INVALID_INPUT', { fields: 'phone' })
    if (input.accountNumber) {
      const known = db.prepare(`SELECT 1 FROM accounts WHERE number = ?`).get(input.accountNumber)
      if (!known) throw new AppError('UNKNOWN_ACCOUNT', { number: input.accountNumber })
    }
    return {
      result: {},
      changes: [
        {
          entity: 'phoneQuestion',
          entityId: ctx.commandId,
          before: null,
          after: {
            accountNumber: input.accountNumber || null,
            subject: input.subject,
            replyBy: input.replyBy,
          },
        },
      ],
    }
  },
})
