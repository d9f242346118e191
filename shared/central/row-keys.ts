/**
 * How sync names a row, in one place: the console's outbox, its mirror and the central service all
 * build and read keys here, so "pending changes win" compares like with like.
 *
 *   account:5            accounts.id
 *   reading:12:2026-11   readings (meter_id, period)
 *   staff:chief          staff.login (logins are the same on every console; local ids are not)
 *   webReading:7, webRegistration:7, webRequest:7, conflict:3, meter:4, cabinet:<account id>, …
 *                        every `ID_ENTITIES` name: its table's numeric id
 *   question:7 (portal_questions), replyTemplate:2, inboxSettings:1
 *   claim:webRegistration:7   claims.entity_key (the claimed item's own key)
 *   periodClosure:2026-11     period_closures.period
 */
/** The rows named by their table's numeric id. */
export const ID_ENTITIES = [
  'account',
  'webReading',
  'webRegistration',
  'webRequest',
  'webRequestDocument',
  'webRequestStep',
  'accountOwner',
  'conflict',
  'cabinet',
  'meter',
  'charge',
  'payment',
  'question',
  'questionMessage',
  'questionStep',
  'replyTemplate',
  'inboxSettings',
  'passwordReset',
  'accountNote',
] as const
export type IdEntity = (typeof ID_ENTITIES)[number]

export type RowKey =
  | { entity: 'reading'; meterId: number; period: string }
  | { entity: 'staff'; login: string }
  | { entity: IdEntity; id: number }
  | { entity: 'claim'; claimed: string }
  | { entity: 'periodClosure'; period: string }

export function rowKey(key: RowKey): string {
  switch (key.entity) {
    case 'reading':
      return `reading:${key.meterId}:${key.period}`
    case 'staff':
      return `staff:${key.login}`
    case 'claim':
      return `claim:${key.claimed}`
    case 'periodClosure':
      return `periodClosure:${key.period}`
    default:
      return `${key.entity}:${key.id}`
  }
}

/** The key's parts, or null for a key no central table stands behind (console-local bookkeeping). */
export function parseRowKey(key: string): RowKey | null {
  const colon = key.indexOf(':')
  if (colon < 1) return null
  const entity = key.slice(0, colon)
  const rest = key.slice(colon + 1)
  switch (entity) {
    case 'reading': {
      const match = /^(\d+):(\d{4}-\d{2})$/.exec(rest)
      return match ? { entity, meterId: Number(match[1]), period: match[2]! } : null
    }
    case 'staff':
      return rest ? { entity, login: rest } : null
    case 'claim':
      return rest ? { entity, claimed: rest } : null
    case 'periodClosure':
      return /^\d{4}-\d{2}$/.test(rest) ? { entity, period: rest } : null
    default:
      return isIdEntity(entity) && /^\d+$/.test(rest) ? { entity, id: Number(rest) } : null
  }
}

export function isIdEntity(entity: string): entity is IdEntity {
  return (ID_ENTITIES as readonly string[]).includes(entity)
}

/** The generic form `entity:id`, for the audit trail's entities that the console names by id. */
export function entityKey(entity: string, id: string | number): string {
  return `${entity}:${id}`
}
