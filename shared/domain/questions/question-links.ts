import { phoneDigits } from '../search/account-query'

/** What the console knows of an account when matching a question to it. */
export interface LinkCandidate {
  number: string
  email: string | null
  phone: string | null
}

export type QuestionLink =
  | { kind: 'linked'; accountNumber: string }
  | { kind: 'suggested'; accountNumber: string; by: 'email' | 'phone' }
  | { kind: 'none' }

const emailKey = (email: string | null) => email?.trim().toLowerCase() || null
const phoneKey = (phone: string | null) => (phone ? phoneDigits(phone.replace(/\D/g, '')) : null)

/**
 * How a question finds its account (docs/business-rules.md#subscribers-questions): the account number it
 * gives, when that account exists, links it outright; otherwise an email, then a phone, that belongs
 * to exactly one account is a suggestion a person confirms. Two accounts with that email suggest
 * nothing: guessing between them would put one subscriber's answer on another's account.
 */
export function linkQuestion(
  question: { accountNumber: string | null; email: string | null; phone: string | null },
  byNumber: LinkCandidate | null,
  withEmail: readonly LinkCandidate[],
  withPhone: readonly LinkCandidate[],
): QuestionLink {
  if (byNumber && byNumber.number === question.accountNumber?.trim())
    return { kind: 'linked', accountNumber: byNumber.number }
  const email = emailKey(question.email)
  const sameEmail = email ? withEmail.filter((a) => emailKey(a.email) === email) : []
  if (sameEmail.length === 1) return { kind: 'suggested', accountNumber: sameEmail[0]!.number, by: 'email' }
  const phone = phoneKey(question.phone)
  const samePhone = phone ? withPhone.filter((a) => phoneKey(a.phone) === phone) : []
  if (sameEmail.length === 0 && samePhone.length === 1)
    return { kind: 'suggested', accountNumber: samePhone[0]!.number, by: 'phone' }
  return { kind: 'none' }
}
