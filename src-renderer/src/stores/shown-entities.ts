/**
 * Which row-key entities (`shared/central/row-keys.ts`) each kind of screen shows, so it redraws when
 * one of them changed and not at every sync. A claim is in every queue: who holds an item shows there.
 */
export const SHOWN = {
  card: [
    'account',
    'accountOwner',
    'meter',
    'reading',
    'cabinet',
    'charge',
    'payment',
    'passwordReset',
    'webReading',
    'webRequest',
    'question',
    'conflict',
    'periodClosure',
    'accountNote',
  ],
  registrations: ['webRegistration', 'claim', 'account', 'cabinet'],
  webReadings: ['webReading', 'reading', 'conflict', 'claim', 'periodClosure'],
  questions: [
    'question',
    'questionMessage',
    'questionStep',
    'claim',
    'inboxSettings',
    'replyTemplate',
    'staff',
  ],
  requests: [
    'webRequest',
    'webRequestDocument',
    'webRequestStep',
    'accountOwner',
    'claim',
    'account',
    'meter',
    'reading',
    'staff',
  ],
} as const satisfies Record<string, readonly string[]>
