import { createHash, webcrypto } from 'node:crypto'
import type pg from 'pg'
import { commandSigningText, PROOF_CLOCK_SKEW_MS } from '@shared/central/command-proof'
import type { PushedCommand } from '@shared/central/api'
import { inTransaction, ServiceRefusal } from './consoles'

/**
 * Registers the key a console made for a person at their online sign-in (docs/central-service.md#
 * proof-of-person), once the service has checked their password. It replaces their earlier key on
 * that console: work signed with the earlier one before now still counts, later work does not.
 */
export async function registerPersonKey(
  pool: pg.Pool,
  key: { login: string; consoleId: string; publicKey: string; consoleClock: string | undefined },
): Promise<void> {
  const consoleClock = key.consoleClock ? Date.parse(key.consoleClock) : Number.NaN
  await inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE staff_keys SET revoked_at = clock_timestamp(), revoked_why = 'replaced'
      WHERE login = $1 AND console_id = $2 AND revoked_at IS NULL`,
      [key.login, key.consoleId],
    )
    const { rowCount } = await client.query(
      `INSERT INTO staff_keys (login, console_id, public_key, clock_offset_ms)
      VALUES ($1, $2, $3, coalesce(round($4::float8 - extract(epoch FROM clock_timestamp()) * 1000), 0))
      ON CONFLICT (public_key) DO NOTHING`,
      [key.login, key.consoleId, key.publicKey, Number.isNaN(consoleClock) ? null : consoleClock],
    )
    // A key already registered (to anyone) is never registered again: each sign-in makes a new one.
    if (!rowCount) throw new ServiceRefusal(400, { code: 'INVALID_REQUEST', params: { fields: 'personKey' } })
  })
}

interface RegisteredKey {
  login: string
  consoleId: string
  validFrom: number
  revokedAt: number | null
  /** How far the console's clock stood ahead of the service's when the key was registered. */
  clockOffsetMs: number
}

/** The registered keys a batch's proofs name, read once per batch. */
export type PersonKeys = Map<string, RegisteredKey>

export async function readPersonKeys(client: pg.ClientBase, commands: PushedCommand[]): Promise<PersonKeys> {
  const named = [...new Set(commands.flatMap((c) => (c.proof ? [c.proof.key] : [])))]
  const keys: PersonKeys = new Map()
  if (!named.length) return keys
  const { rows } = await client.query<{
    public_key: string
    login: string
    console_id: string
    valid_from: Date
    revoked_at: Date | null
    clock_offset_ms: string
  }>(
    `SELECT public_key, login, console_id, valid_from, revoked_at, clock_offset_ms
    FROM staff_keys WHERE public_key = ANY($1::text[])`,
    [named],
  )
  for (const row of rows)
    keys.set(row.public_key, {
      login: row.login,
      consoleId: row.console_id,
      validFrom: row.valid_from.getTime(),
      revokedAt: row.revoked_at?.getTime() ?? null,
      clockOffsetMs: Number(row.clock_offset_ms),
    })
  return keys
}

/**
 * Which of a batch's commands carry a signature that covers exactly what arrived, by the key the
 * proof names (whether that key is the author's is for `checkProof`). Checked on the thread pool, all
 * at once and before the batch waits for its turn: a console's next batch is verified while the
 * database applies its previous one.
 *
 * A key's signature also vouches for the command its `chain` names
 * (docs/central-service.md#chained-proofs), so for a run of one person's commands the last signature
 * is checked and the others are proven by their hashes. A command whose link is broken (altered on
 * the way, or its successor not in this batch) is checked by its own signature, so a chain can only
 * ever save work, never prove more.
 */
export async function verifySignatures(commands: PushedCommand[], consoleId: string): Promise<Set<string>> {
  const keys = new Map<string, Promise<webcrypto.CryptoKey | null>>()
  const keyOf = (text: string) => {
    let key = keys.get(text)
    if (!key)
      keys.set(
        text,
        (key = webcrypto.subtle
          .importKey('spki', Buffer.from(text, 'base64'), { name: 'Ed25519' }, false, ['verify'])
          .catch(() => null)),
      )
    return key
  }
  const proven = commands.flatMap((command) => (command.proof ? [signedText(command, consoleId)] : []))
  const verify = async (item: SignedText) => {
    const key = await keyOf(item.proof.key)
    if (!key) return false
    return webcrypto.subtle
      .verify({ name: 'Ed25519' }, key, Buffer.from(item.proof.signature, 'base64'), Buffer.from(item.text))
      .catch(() => false)
  }
  // Each command by the key and hash its successor names it with; a chain's heads are the rest.
  const byLink = new Map(proven.map((item) => [linkOf(item.proof.key, item.hash), item]))
  const named = new Set(
    proven.flatMap((item) =>
      item.proof.chain ? [byLink.get(linkOf(item.proof.key, item.proof.chain))] : [],
    ),
  )
  const signed = new Set<SignedText>()
  const walk = (from: SignedText) => {
    for (let at: SignedText | undefined = from; at && !signed.has(at);) {
      signed.add(at)
      at = at.proof.chain ? byLink.get(linkOf(at.proof.key, at.proof.chain)) : undefined
    }
  }
  const heads = proven.filter((item) => !named.has(item))
  const headsValid = await Promise.all(heads.map(verify))
  heads.forEach((head, i) => headsValid[i] && walk(head))
  // Links that lead nowhere proven: those commands stand on their own signatures.
  const rest = proven.filter((item) => !signed.has(item))
  const restValid = await Promise.all(rest.map(verify))
  rest.forEach((item, i) => restValid[i] && signed.add(item))
  return new Set([...signed].map((item) => item.commandId))
}

interface SignedText {
  commandId: string
  proof: NonNullable<PushedCommand['proof']>
  text: string
  /** What a later signature of the same key names as its `chain` to vouch for this one. */
  hash: string
}

function signedText(command: PushedCommand, consoleId: string): SignedText {
  const proof = command.proof!
  const text = commandSigningText({
    commandId: command.commandId,
    command: command.command,
    payload: command.payload,
    madeAt: command.madeAt,
    consoleId,
    madeAlone: command.madeAlone,
    chain: proof.chain,
  })
  return {
    commandId: command.commandId,
    proof,
    text,
    hash: createHash('sha256').update(text).digest('base64'),
  }
}

/** A chain link holds only between signatures of one key: another key's signature vouches for nothing. */
const linkOf = (key: string, hash: string) => `${key} ${hash}`

const PROOF_PROBLEMS = ['AUTHOR_UNPROVEN', 'MADE_AT_OUT_OF_RANGE', 'PERSON_KEY_REVOKED'] as const
export type ProofProblem = (typeof PROOF_PROBLEMS)[number]

export function isProofProblem(code: string): code is ProofProblem {
  return (PROOF_PROBLEMS as readonly string[]).includes(code)
}

/** A proven command's `madeAt` in the service's time, or why it is not proven. */
export type ProofCheck = { proven: true; madeAt: number } | { proven: false; problem: ProofProblem }

/**
 * Why a command's proof does not show that its author made it on this console, or null. The key must
 * be registered to the author on the pushing console; the command made (in the service's time: its
 * `madeAt` less the console clock's offset at the sign-in) no earlier than the key and no later than
 * the service's clock, each within the clock skew, and before the key was revoked; the signature must
 * cover exactly what was pushed.
 */
export function checkProof(
  command: PushedCommand,
  consoleId: string,
  keys: PersonKeys,
  signed: Set<string>,
  now: number,
): ProofCheck {
  const problem = (why: ProofProblem): ProofCheck => ({ proven: false, problem: why })
  if (!command.proof || !command.author) return problem('AUTHOR_UNPROVEN')
  const registered = keys.get(command.proof.key)
  if (!registered || registered.login !== command.author || registered.consoleId !== consoleId)
    return problem('AUTHOR_UNPROVEN')
  const madeAt = Date.parse(command.madeAt) - registered.clockOffsetMs
  if (
    Number.isNaN(madeAt) ||
    madeAt < registered.validFrom - PROOF_CLOCK_SKEW_MS ||
    madeAt > now + PROOF_CLOCK_SKEW_MS
  )
    return problem('MADE_AT_OUT_OF_RANGE')
  if (registered.revokedAt !== null && madeAt >= registered.revokedAt) return problem('PERSON_KEY_REVOKED')
  return signed.has(command.commandId) ? { proven: true, madeAt } : problem('AUTHOR_UNPROVEN')
}
