import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * Passwords attackers try first (NIST SP 800-63B: "values known to be commonly used"): zxcvbn's list
 * of 49,000 leaked passwords, plus what a Russian office types on a Russian keyboard. Kept in the main
 * process and the central service: the window does not carry the list, it shows the refusal.
 */
const RUSSIAN_COMMON = [
  'йцукенгш',
  'йцукенгшщз',
  'пароль123',
  'парольпароль',
  'qwertyйцукен',
  'водоканал',
  'водоканал1',
  'водоканал123',
  'vodokanal',
  'vodokanal1',
  'vodokanal123',
  'севастополь',
  'sevastopol',
  'gfhjkm123', // "пароль" typed on the English layout
]

const COMMON = new Set(
  [...dictionary['passwords-common'], ...RUSSIAN_COMMON].map((word) => word.toLowerCase()),
)

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase())
}
