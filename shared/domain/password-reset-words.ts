/**
 * What became of a password-reset request, in words staff read on the card and in its history
 * (docs/business-rules.md#password-reset). The precise refusal is for staff; the website hears less.
 */
export type ResetState = 'new' | 'sent' | 'refused' | 'used' | 'expired'
export type ResetRefusalReason = 'unknownAccount' | 'surnameMismatch' | 'noActiveCabinet' | 'alreadySent'

const REFUSALS: Record<ResetRefusalReason, string> = {
  unknownAccount: 'не отправлена: счёт не найден или закрыт',
  surnameMismatch: 'не отправлена: фамилия не совпала с фамилией владельца',
  noActiveCabinet: 'не отправлена: у счёта нет действующего кабинета',
  alreadySent: 'не отправлена: ссылка уже ушла в течение часа',
}

const STATES: Record<Exclude<ResetState, 'refused'>, string> = {
  new: 'ждёт отправки',
  sent: 'ссылка отправлена',
  used: 'ссылка использована, пароль сменён',
  expired: 'ссылка не использована, срок истёк',
}

/** A link still marked sent after its 24 hours reads as expired: nobody can use it any more. */
export function resetOutcome(
  request: { state: ResetState; refusalReason: ResetRefusalReason | null; expiresAt: string | null },
  now: Date,
): string {
  if (request.state === 'refused')
    return request.refusalReason ? REFUSALS[request.refusalReason] : 'не отправлена'
  if (request.state === 'sent' && request.expiresAt && Date.parse(request.expiresAt) <= now.getTime())
    return STATES.expired
  return STATES[request.state]
}
