import type { Page } from '@playwright/test'
import type BetterSqlite3 from 'better-sqlite3'
import { aMeter, anAccount, insertAccounts, insertMeters, insertReadings } from './account-builder'

/** A Playwright key name ('4', ',', 'Enter', 'Control+Enter', 'F8', '-') or one Cyrillic letter. */
export type StackKey = string

const chars = (text: string): StackKey[] => [...text]

/**
 * Forty paper forms as a clerk types them blind (docs/business-rules.md#meter-readings): form n is account
 * 4000000n with meter n·10+1 (previous 13 m³). Among them the cases the issue names, typed the way
 * fingers go when the screen is not watched: a closed account and an unknown one each followed by
 * their value (which becomes the next form's keys), blank meters answered «-», lower readings set
 * aside with F8 after a refused Enter, a roll-over and a duplicate confirmed with Ctrl+Enter.
 */
export function mixedStack(): StackKey[] {
  const keys: StackKey[] = []
  for (let n = 1; n <= 40; n++) {
    const account = n === 19 ? '49999919' : String(40_000_000 + n)
    keys.push(...chars(account), 'Enter')
    switch (n) {
      case 5: // two meters, the bathroom left blank
        keys.push(...chars('16'), 'Enter', 'Enter', '-')
        break
      case 15: // two meters, both blank
        keys.push('Enter', '-', 'Enter', '-')
        break
      case 33: // one meter, blank
        keys.push('Enter', '-')
        break
      case 7:
      case 23: // closed accounts
      case 19: // an unknown account
        keys.push(...chars('16'), 'Enter')
        break
      case 9: // a roll-over past 99 999
        keys.push('2', 'Control+Enter')
        break
      case 11:
      case 27: // genuinely lower: Enter is refused, the form is set aside
        keys.push('5', 'Enter', 'F8')
        break
      case 12: // November already has a reading: replaced, with a reason
        keys.push(...chars('17'), 'Control+Enter', ...chars('исправлено'), 'Enter')
        break
      default:
        keys.push(...chars(String(15 + (n % 4))), 'Enter')
    }
  }
  return keys
}

const CLOSED = [7, 23]
const TWO_METERS = [5, 15]
const ROLL_OVER_METER = 91
const DUPLICATE_METER = 121

/** The forty accounts the stack is typed against, written into a console's database. */
export function seedMixedStackCity(db: BetterSqlite3.Database): void {
  insertAccounts(
    db,
    Array.from({ length: 40 }, (_, i) =>
      anAccount({ id: i + 1, surname: 'Абонентов', status: CLOSED.includes(i + 1) ? 'closed' : 'active' }),
    ),
  )
  insertMeters(db, [
    ...Array.from({ length: 40 }, (_, i) => aMeter({ id: (i + 1) * 10 + 1, accountId: i + 1 })),
    ...TWO_METERS.map((n) => aMeter({ id: n * 10 + 2, accountId: n, place: 'ванная' })),
  ])
  for (let n = 1; n <= 40; n++) {
    const meter = n * 10 + 1
    if (meter === ROLL_OVER_METER) insertReadings(db, meter, { '2026-10': 99_998 })
    else if (meter === DUPLICATE_METER) insertReadings(db, meter, { '2026-10': 13, '2026-11': 14 })
    else insertReadings(db, meter, { '2026-09': 10, '2026-10': 13 })
  }
  for (const n of TWO_METERS) insertReadings(db, n * 10 + 2, { '2026-10': 20 })
}

/**
 * Key after key, as a clerk's fingers go, never waiting to see the screen: `delayMs` is the typing
 * speed itself. Letters outside the keyboard layout arrive as text, as an input method sends them.
 */
export async function typeBlind(page: Page, keys: StackKey[], delayMs: number): Promise<void> {
  for (const key of keys) {
    if (key.length === 1 && !/[0-9,.-]/.test(key)) await page.keyboard.insertText(key)
    else await page.keyboard.press(key)
    await new Promise((resolve) => setTimeout(resolve, delayMs))
  }
}
