/** One line of the help panel: the keys, and what they do (a message key). */
export interface KeyHelp {
  keys: string
  what: string
}

/** Keys that work on every screen. */
export const GLOBAL_KEYS: KeyHelp[] = [
  { keys: 'F1, ?', what: 'help.keys.help' },
  { keys: 'Alt+1…9', what: 'help.keys.sections' },
  { keys: 'Ctrl+K, F3', what: 'help.keys.search' },
  { keys: 'Esc', what: 'help.keys.close' },
]

const LIST: KeyHelp[] = [
  { keys: '↑ ↓', what: 'help.keys.choose' },
  { keys: 'Enter', what: 'help.keys.open' },
]

/** Each screen's own keys, by route name; the panel shows those of the screen in front. */
export const SCREEN_KEYS: Record<string, KeyHelp[]> = {
  accounts: [...LIST, { keys: 'Esc', what: 'help.keys.clearSearch' }],
  account: [
    { keys: 'Alt+Shift+1…6', what: 'help.keys.cardSections' },
    { keys: 'Enter', what: 'help.keys.nextMeter' },
    { keys: 'Ctrl+Enter', what: 'help.keys.saveReadings' },
    { keys: 'Ctrl+P', what: 'accounts.print' },
  ],
  readings: [
    { keys: 'Enter', what: 'help.keys.nextField' },
    { keys: 'Ctrl+Enter', what: 'help.keys.confirmForm' },
    { keys: '-', what: 'help.keys.noValue' },
    { keys: 'F8', what: 'help.keys.setAside' },
  ],
  registrations: [
    ...LIST,
    { keys: 'Ctrl+Enter', what: 'help.keys.confirmRegistration' },
    { keys: 'Ctrl+Shift+Enter', what: 'help.keys.confirmAll' },
    { keys: 'Esc', what: 'help.keys.closeDetail' },
  ],
  requests: LIST,
  request: [
    { keys: 'Alt+D', what: 'help.keys.document' },
    { keys: 'Esc', what: 'help.keys.back' },
  ],
  questions: LIST,
  question: [
    { keys: 'Ctrl+Enter', what: 'help.keys.send' },
    { keys: '::', what: 'help.keys.templates' },
    { keys: 'Esc', what: 'help.keys.back' },
  ],
}
