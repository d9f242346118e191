/**
 * An incoming call handed to the console by a softphone or a PBX (docs/screen-pop.md): as a command
 * line (`--incoming-call +79781234567`) or as a link (`vodokanal://call/+79781234567`,
 * `vodokanal:call?number=…`). The number is kept as the caller's digits with a leading +, whatever the
 * softphone's spacing; anything that is not a telephone number (a word, a script, 4 digits) is ignored.
 */
const MIN_DIGITS = 5
const MAX_DIGITS = 15

export function callerNumber(text: string): string | null {
  const trimmed = decodeSafely(text).trim()
  if (!/^\+?[\d\s()\-.]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null
  return trimmed.startsWith('+') ? `+${digits}` : digits
}

/** The caller's number in a process's arguments or a `vodokanal:` link among them, or null. */
export function incomingCallIn(args: readonly string[]): string | null {
  const flag = args.findIndex((arg) => arg === '--incoming-call' || arg.startsWith('--incoming-call='))
  if (flag >= 0) {
    const arg = args[flag]!
    return callerNumber(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[flag + 1] ?? ''))
  }
  const link = args.find((arg) => arg.toLowerCase().startsWith('vodokanal:'))
  return link ? incomingCallLink(link) : null
}

/** `vodokanal://call/+7…`, `vodokanal:call/+7…` or `vodokanal:call?number=+7…`. */
export function incomingCallLink(link: string): string | null {
  const rest = link.slice('vodokanal:'.length).replace(/^\/\//, '')
  const query = /^call\/?\?(?:.*&)?number=([^&]+)/i.exec(rest)
  if (query) return callerNumber(query[1]!.replace(/\+/g, '%2B'))
  const path = /^call\/([^?#/]+)\/?$/i.exec(rest)
  return path ? callerNumber(path[1]!) : null
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
