/**
 * What a person's key signs for each command they make (docs/central-service.md#proof-of-person): the
 * command's id, name and payload, the moment it was made and the console it was made on. The console
 * signs this text when it writes the command; the service rebuilds it from what was pushed and checks
 * the signature with the author's registered key, so none of these can be changed on the way, and a
 * command signed on one console cannot be replayed from another.
 */
export interface ProvenFields {
  commandId: string
  command: string
  payload: unknown
  madeAt: string
  consoleId: string
}

export function commandSigningText(fields: ProvenFields): string {
  return JSON.stringify([
    'vodokanal-command/1',
    fields.commandId,
    fields.command,
    fields.madeAt,
    fields.consoleId,
    fields.payload,
  ])
}

/**
 * How far a command's `madeAt` may stand from the service's clock and a key's registration: consoles'
 * clocks drift a little, never by hours.
 */
export const PROOF_CLOCK_SKEW_MS = 5 * 60_000

/** A person's Ed25519 public key as consoles send it: the SPKI DER form in base64. */
export const PERSON_KEY_PATTERN = /^[A-Za-z0-9+/]{40,200}={0,2}$/
