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
    primevue.config.locale = {
      ...english,
      ...(locale.value === 'ru' ? primeVueRu : {}),
    } as PrimeVueLocaleOptions
  })
}
