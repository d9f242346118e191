import { usePrimeVue, type PrimeVueLocaleOptions } from 'primevue/config'
import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { primeVueRu } from '../i18n/primevue-locales'

/** Keeps PrimeVue's built-in texts in the interface language. */
export function usePrimeVueLocale() {
  const primevue = usePrimeVue()
  const { locale } = useI18n()
  const english = { ...primevue.config.locale } as PrimeVueLocaleOptions
  watchEffect(() => {
    const russian = locale.value === 'ru'
    primevue.config.locale = {
      ...english,
      ...(russian ? primeVueRu : {}),
      // Screen-reader labels one by one: "×" is «Закрыть», the rest PrimeVue's own where we have none.
      aria: { ...english.aria, ...(russian ? primeVueRu.aria : {}) },
    } as PrimeVueLocaleOptions
  })
}
