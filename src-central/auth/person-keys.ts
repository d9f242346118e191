import { webcrypto } from 'node:crypto'
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
  const verified = await Promise.all(
    commands.map(async (command) => {
      if (!command.proof) return false
      const key = await keyOf(command.proof.key)
      if (!key) return false
      const text = commandSigningText({
        commandId: command.commandId,
        command: command.command,
        payload: command.payload,
        madeAt: command.madeAt,
        consoleId,
        madeAlone: command.madeAlone,
      })
      return webcrypto.subtle
        .verify({ name: 'Ed25519' }, key, Buffer.from(command.proof.signature, 'base64'), Buffer.from(text))
        .catch(() => false)
    }),
  )
  return new Set(commands.filter((_, i) => verified[i]).map((command) => command.commandId))
}

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
