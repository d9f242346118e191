import { useI18n } from 'vue-i18n'

/** Cubic metres from exact thousandths, and roubles from kopecks, in the interface's number format. */
export function useFormatters() {
  const { locale } = useI18n()
  const tag = () => (locale.value === 'ru' ? 'ru-RU' : 'en-GB')
  return {
    cubicMetres: (milli: number | null) =>
      milli === null
        ? '—'
        : (milli / 1000).toLocaleString(tag(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
    roubles: (kopecks: number) =>
      (kopecks / 100).toLocaleString(tag(), { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 }),
    date: (iso: string | null) =>
      iso
        ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(tag(), { timeZone: 'Europe/Moscow' })
        : '—',
    /** An instant, in Moscow time (DOMAIN.md: dates and deadlines are Moscow time). */
    dateTime: (iso: string | null) =>
      iso
        ? new Date(iso).toLocaleString(tag(), {
            timeZone: 'Europe/Moscow',
            dateStyle: 'short',
            timeStyle: 'short',
          })
        : '—',
  }
}
