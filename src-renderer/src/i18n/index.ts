import { createI18n } from 'vue-i18n'
import en from './en.json'
import ru from './ru.json'
import { russianPlural } from '@shared/domain/russian-text'
import { kindFieldNames, kindMessages } from '../request-kinds'

export type Locale = 'ru' | 'en'
export const LOCALES: Locale[] = ['ru', 'en']
const LOCALE_KEY = 'vodokanal.locale'

function savedLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY)
  return saved === 'en' ? 'en' : 'ru'
}

/** Each kind of request brings its own words (src-renderer/src/request-kinds/), under `requests.kinds`. */
function withKinds<M extends { requests: object; fields: object }>(messages: M, locale: Locale): M {
  return {
    ...messages,
    requests: { ...messages.requests, kinds: kindMessages(locale) },
    fields: { ...messages.fields, ...kindFieldNames(locale) },
  }
}

/** Russian by default (docs/business-rules.md), English complete as the second locale. */
export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'ru',
  messages: { ru: withKinds(ru, 'ru'), en: withKinds(en, 'en') },
  pluralRules: { ru: russianPlural },
  datetimeFormats: {
    ru: { short: { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' } },
    en: { short: { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' } },
  },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}
