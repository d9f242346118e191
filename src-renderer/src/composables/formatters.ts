import { useI18n } from 'vue-i18n'

/**
 * One formatter per locale and style: `toLocaleString` builds a new Intl formatter on every call,
 * which showed in the batch screen's profile where every keystroke redraws consumption figures.
 */
const formatters = new Map<string, Intl.NumberFormat>()
const STYLES: Record<'m3' | 'rub' | 'count' | 'percent', Intl.NumberFormatOptions> = {
  m3: { minimumFractionDigits: 3, maximumFractionDigits: 3 },
  rub: { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 },
  count: { maximumFractionDigits: 0 },
  percent: { maximumFractionDigits: 1 },
}
function numberFormat(tag: string, style: keyof typeof STYLES): Intl.NumberFormat {
  const key = `${tag}:${style}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(tag, STYLES[style])
    formatters.set(key, format)
  }
  return format
}

/** Cubic metres from exact thousandths, and roubles from kopecks, in the interface's number format. */
export function useFormatters() {
  const { locale } = useI18n()
  const tag = () => (locale.value === 'ru' ? 'ru-RU' : 'en-GB')
  return {
    cubicMetres: (milli: number | null) =>
      milli === null ? '—' : numberFormat(tag(), 'm3').format(milli / 1000),
    roubles: (kopecks: number) => numberFormat(tag(), 'rub').format(kopecks / 100),
    /** A count in groups of three: «19 703». */
    count: (n: number) => numberFormat(tag(), 'count').format(n),
    /** A share in per cent with one decimal at most: «0,1», «85». */
    percent: (n: number) => numberFormat(tag(), 'percent').format(n),
    date: (iso: string | null) =>
      iso
        ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(tag(), { timeZone: 'Europe/Moscow' })
        : '—',
    /** A billing period 'YYYY-MM' as its month, the way a clerk writes it: «ноябрь 2026». */
    period: (period: string) =>
      new Date(`${period}-15T12:00:00Z`)
        .toLocaleDateString(tag(), { month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' })
        .replace(/\s*г\.$/, ''),
    /** An instant, in Moscow time (docs/business-rules.md: dates and deadlines are Moscow time). */
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
