import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { centralCommands } from '@shared/central/commands'
import { channels, ERROR_CODES, ROLES } from '@shared/contract'
import en from '../../src-renderer/src/i18n/en.json'
import ru from '../../src-renderer/src/i18n/ru.json'
import { kindFieldNames, kindMessages } from '../../src-renderer/src/request-kinds'

/**
 * The interface's words read as a clerk reads them (docs/business-rules.md#who-uses-the-console): no English
 * left in the Russian file, no key shown raw because a message is missing, and no count glued to a
 * noun without the plural forms that make «4 регистрации» and «1 reading» right.
 */
type Messages = { [key: string]: string | Messages }

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(messages))
    if (typeof value === 'string') out.set(prefix + key, value)
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v)
  return out
}

/** The messages as the console loads them: each kind of request brings its own words (`withKinds`). */
const withKinds = (messages: Messages, locale: 'ru' | 'en'): Messages => ({
  ...messages,
  requests: { ...(messages.requests as Messages), kinds: kindMessages(locale) as unknown as Messages },
  fields: { ...(messages.fields as Messages), ...(kindFieldNames(locale) as unknown as Messages) },
})
const RU = flatten(withKinds(ru as Messages, 'ru'))
const EN = flatten(withKinds(en as Messages, 'en'))

/** Latin words a Russian clerk sees on keys and in file names: they are spelt so on the keyboard. */
const LATIN_IN_RU = new Set(
  'Enter Ctrl Alt Esc Tab Shift PgUp PgDn Home End PDF JPEG PNG XLSX CSV PEM BEGIN CERTIFICATE Windows Linux'.split(
    ' ',
  ),
)

/** A count placeholder followed by a word: that word agrees with the number. */
const COUNTED = /\{(n|count|total|days|forms|accounts|readings)\}\s+([\p{L}-]+)(\.?)/gu
/** Words after a count that do not change with it. */
const INVARIABLE = new Set(['selected', 'shown', 'of', 'из'])

/** Every message key the interface's source names literally: `t('a.b')`, `$t("a.b")`. */
function keysInSource(dir: string): string[] {
  const keys: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) keys.push(...keysInSource(path))
    else if (/\.(vue|ts)$/.test(name))
      for (const match of readFileSync(path, 'utf8').matchAll(/(?<![\w.])\$?t\(\s*['"]([a-zA-Z][\w.]*)['"]/g))
        keys.push(match[1]!)
  }
  return keys
}

describe('interface messages', () => {
  it('has English for every Russian message and nothing extra', () => {
    expect([...EN.keys()].sort()).toEqual([...RU.keys()].sort())
  })
  it('has a sentence for every error code the contract can return, in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(ru.errors).toHaveProperty(code)
      expect(en.errors).toHaveProperty(code)
    }
  })
  it('names in Russian every field a refusal of bad input can name', () => {
    // INVALID_INPUT names the fields that failed; each must read as a word, not a program's key.
    const named = Object.values(channels).flatMap((def) =>
      Object.keys((def.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}),
    )
    expect(named.length).toBeGreaterThan(100)
    const fields = (ru as Messages).fields as Messages
    const englishFields = (en as Messages).fields as Messages
    expect([...new Set(named)].filter((key) => !(key in fields) || !(key in englishFields))).toEqual([])
  })
  it('names every command the central service can refuse, on the list of refused actions', () => {
    // Nested as the screen looks them up (`syncScreen.commands.readings.record`): a dotted key written
    // flat would never be found, and every action would read «Действие».
    const i18n = createI18n({ legacy: false, locale: 'ru', messages: { ru, en } })
    for (const name of Object.keys(centralCommands))
      for (const locale of ['ru', 'en'] as const)
        expect(i18n.global.te(`syncScreen.commands.${name}`, locale), `${locale}: ${name}`).toBe(true)
  })

  it('names every role', () => {
    for (const role of ROLES) expect(ru.roles).toHaveProperty(role)
  })

  it('has no empty message', () => {
    expect([...RU, ...EN].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([])
  })

  it('leave no English word in Russian', () => {
    const leftovers = [...RU]
      .map(([key, text]) => {
        const words = text.replace(/\{[^}]*\}/g, '').match(/[A-Za-z][A-Za-z-]+/g) ?? []
        return [key, words.filter((w) => !LATIN_IN_RU.has(w.replace(/-+$/, '')))] as const
      })
      .filter(([, words]) => words.length > 0)
    expect(leftovers).toEqual([])
  })

  it('show no key raw: every key the screens name literally exists in both languages', () => {
    const named = [...new Set(keysInSource(join(__dirname, '../../src-renderer/src')))]
    const missing = named.filter((key) => !RU.has(key) || !EN.has(key))
    expect(named.length).toBeGreaterThan(300)
    expect(missing).toEqual([])
    // Nor does a message look like a key itself.
    expect([...RU, ...EN].filter(([, v]) => /^[a-z]+(\.[a-zA-Z_]+)+$/.test(v)).map(([k]) => k)).toEqual([])
  })

  it('give every count that a noun follows its plural forms', () => {
    const unplural = (messages: Map<string, string>) =>
      [...messages]
        .filter(([, text]) => !text.includes('|'))
        .filter(([, text]) =>
          [...text.matchAll(COUNTED)].some(
            ([, , word, dot]) => !INVARIABLE.has(word!) && !(dot && word!.length <= 4),
          ),
        )
        .map(([key, text]) => `${key}: ${text}`)
    expect(unplural(RU)).toEqual([])
    expect(unplural(EN)).toEqual([])
  })

  it('has each plural message with the forms its language needs', () => {
    // Russian: one, few, many (or "none" first and the three); English: one, other.
    const badRu = [...RU].filter(([, t]) => t.includes('|') && ![3, 4].includes(t.split('|').length))
    const badEn = [...EN].filter(([, t]) => t.includes('|') && ![2, 3].includes(t.split('|').length))
    expect(badRu.map(([k]) => k)).toEqual([])
    expect(badEn.map(([k]) => k)).toEqual([])
  })
})
