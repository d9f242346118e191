import { createI18n } from 'vue-i18n'
import en from './en.json'
import ru from './ru.json'
import { russianPlural } from '@shared/domain/russian-text'

export type Locale = 'ru' | 'en'
export const LOCALES: Locale[] = ['ru', 'en']
const LOCALE_KEY = 'vodokanal.locale'

function savedLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY)
  return saved === 'en' ? 'en' : 'ru'
}

/** Russian by default (docs/business-rules.md), English complete as the second locale. */
export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'ru',
  messages: { ru, en },
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
