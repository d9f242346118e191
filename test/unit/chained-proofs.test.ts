import { createHash, randomBytes, randomUUID, webcrypto } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PushedCommand } from '@shared/central/api'
import { newPersonKey, type PersonSigner } from '../../src-main/modules/auth/person-keys'
import { verifySignatures } from '../../src-central/auth/person-keys'

// Chained proofs (docs/central-service.md#chained-proofs): a key's signature vouches for the command
// it names as `chain`, so a run of one person's commands costs one signature check, and a broken
// link falls back to the command's own signature, never to trust.

const CONSOLE = 'c0ffee00-0000-4000-8000-000000000001'

function made(signer: PersonSigner, payload: unknown, author = 'chief'): PushedCommand {
  const commandId = randomUUID()
  const madeAt = new Date(Date.UTC(2026, 11, 2, 20, 59)).toISOString()
  const command = 'accounts.updateContacts'
  return {
    commandId,
    command,
    payload,
    author,
    madeAt,
    keys: [],
    audit: [],
    proof: signer.prove({ commandId, command, payload, madeAt, consoleId: CONSOLE }),
    madeAlone: null,
    sessionProof: null,
  }
}

function run(signer: PersonSigner, count: number): PushedCommand[] {
  return Array.from({ length: count }, (_, i) => made(signer, { accountId: i + 1, changes: {} }))
}

function countChecks() {
  return vi.spyOn(webcrypto.subtle, 'verify')
}

afterEach(() => vi.restoreAllMocks())

describe('chained proofs', () => {
  it('proves a run of one key’s commands with one signature check', async () => {
    const commands = run(newPersonKey().signer, 1000)
    expect(commands[0]!.proof!.chain).toBeNull()
    expect(commands[1]!.proof!.chain).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    const checks = countChecks()
    const signed = await verifySignatures(commands, CONSOLE)
    expect(signed.size).toBe(1000)
    expect(checks).toHaveBeenCalledTimes(1)
  })

  it('refuses a command altered on the way, and still proves the others by their own signatures', async () => {
    const commands = run(newPersonKey().signer, 10)
    const altered = commands[4]!
    altered.payload = { accountId: 999, changes: {} }
    const signed = await verifySignatures(commands, CONSOLE)
    expect(signed.has(altered.commandId)).toBe(false)
    expect(signed.size).toBe(9)
  })

  it('proves a chain whose earlier part is in another batch: the first command stands on its own', async () => {
    const commands = run(newPersonKey().signer, 20)
    const checks = countChecks()
    const signed = await verifySignatures(commands.slice(10), CONSOLE)
    expect(signed.size).toBe(10)
    expect(checks).toHaveBeenCalledTimes(1)
  })

  it('lets no signature vouch for a command of another key', async () => {
    const chief = newPersonKey().signer
    const clerk = newPersonKey().signer
    // A command claiming the supervisor's key with no valid signature, and the clerk's own genuine
    // command naming its hash: the clerk's signature must not make the forgery the supervisor's.
    const forged = made(chief, { accountId: 7, changes: {} })
    forged.proof = { ...forged.proof!, signature: randomBytes(64).toString('base64') }
    const forgedText = JSON.stringify([
      'vodokanal-command/1',
      forged.commandId,
      forged.command,
      forged.madeAt,
      CONSOLE,
      forged.payload,
    ])
    const forgedHash = createHash('sha256').update(forgedText).digest('base64')
    const clerkProver = clerk as unknown as { last: string | null }
    clerkProver.last = forgedHash
    const clerks = made(clerk, { accountId: 8, changes: {} }, 'clerk1')
    expect(clerks.proof!.chain).toBe(forgedHash)
    const signed = await verifySignatures([forged, clerks], CONSOLE)
    expect([...signed]).toEqual([clerks.commandId])
  })

  it('proves nothing through a forged successor: the commands it names are checked on their own', async () => {
    const signer = newPersonKey().signer
    const commands = run(signer, 3)
    const forgedNext = made(signer, { accountId: 50, changes: {} })
    forgedNext.proof = { ...forgedNext.proof!, signature: randomBytes(64).toString('base64') }
    const tampered = commands[1]!
    tampered.payload = { accountId: 51, changes: {} }
    const signed = await verifySignatures([...commands, forgedNext], CONSOLE)
    expect(signed.has(forgedNext.commandId)).toBe(false)
    expect(signed.has(tampered.commandId)).toBe(false)
    expect(signed.has(commands[0]!.commandId)).toBe(true)
    expect(signed.has(commands[2]!.commandId)).toBe(true)
  })

  it('still checks a command signed before chains (no chain) by its own signature', async () => {
    const signer = newPersonKey().signer
    const old = made(signer, { accountId: 1, changes: {} })
    expect(old.proof!.chain).toBeNull()
    const signed = await verifySignatures([old], CONSOLE)
    expect(signed.has(old.commandId)).toBe(true)
  })
})
