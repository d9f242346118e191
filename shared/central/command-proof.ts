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
  /**
   * Work made while the console worked alone, accepted by the supervisor who signs it: whose work it
   * was and when they made it, so the central audit can say so and nobody can change it on the way.
   */
  madeAlone?: MadeAlone | null
  /**
   * The hash (SHA-256, base64) of the text this key signed just before, on this console: each
   * signature then vouches for the commands before it, and the service checks one signature for a run
   * of commands instead of one each (docs/central-service.md#chained-proofs). Null for a key's first.
   */
  chain?: string | null
}

export interface MadeAlone {
  login: string
  fullName: string
  madeAt: string
}

export function commandSigningText(fields: ProvenFields): string {
  // A chained proof has its own version tag, so no text of one form can be read as the other.
  if (fields.chain)
    return JSON.stringify([
      'vodokanal-command/2',
      fields.commandId,
      fields.command,
      fields.madeAt,
      fields.consoleId,
      fields.payload,
      fields.madeAlone ?? null,
      fields.chain,
    ])
  const signed = [
    'vodokanal-command/1',
    fields.commandId,
    fields.command,
    fields.madeAt,
    fields.consoleId,
    fields.payload,
  ]
  return JSON.stringify(fields.madeAlone ? [...signed, fields.madeAlone] : signed)
}

/**
 * The form of a `chain`: the SHA-256 of the text the key signed before, in base64 (each side hashes
 * with Node's crypto; `shared/` imports nothing from Node).
 */
export const CHAIN_PATTERN = /^[A-Za-z0-9+/]{43}=$/

/**
 * How far a command's `madeAt` may stand from the service's clock and a key's registration: consoles'
 * clocks drift a little, never by hours.
 */
export const PROOF_CLOCK_SKEW_MS = 5 * 60_000

/** A person's Ed25519 public key as consoles send it: the SPKI DER form in base64. */
export const PERSON_KEY_PATTERN = /^[A-Za-z0-9+/]{40,200}={0,2}$/

/**
 * A staff-management command needs, besides its author's signature, their live online session on the
 * console it comes from (docs/central-service.md#proof-of-person): a key opened by an offline sign-in
 * must not be enough to make or reset a password. The console never stores the session's token; it
 * marks each such command with HMAC-SHA256 of this text, keyed by the SHA-256 (hex) of the token,
 * which the service keeps (`staff_tokens.token_hash`) and the console can compute, and nobody else can.
 */
export const sessionProofText = (commandId: string) => `vodokanal-session/1:${commandId}`
