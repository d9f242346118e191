import type { RequestKind } from '@shared/domain/requests/kinds'
import { closure } from './closure'
import { meterCommissioning } from './meter-commissioning'
import { reRegistration } from './re-registration'
import type { KindWords, ScreenKind } from './screen-kind'

/**
 * Each kind's screens, by the shared list of kinds (shared/domain/requests/kinds): a kind declared there
 * and missing here is a compile error (docs/architecture.md#adding-a-request-kind).
 */
export const SCREEN_KINDS: Record<RequestKind, ScreenKind> = {
  closure,
  reRegistration,
  meterCommissioning,
}

/** Every kind's own fields' names for a locale, under its kind, as a refusal names them (`fields.<kind>.<field>`). */
export function kindFieldNames(locale: 'ru' | 'en'): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(SCREEN_KINDS).flatMap(([kind, screen]) =>
      screen.words[locale].fields ? [[kind, screen.words[locale].fields]] : [],
    ),
  )
}

/** Every kind's words for a locale, as the `requests.kinds` branch of its messages. */
export function kindMessages(locale: 'ru' | 'en'): Record<string, KindWords> {
  return Object.fromEntries(
    Object.entries(SCREEN_KINDS).map(([kind, screen]) => [kind, screen.words[locale]]),
  )
}
