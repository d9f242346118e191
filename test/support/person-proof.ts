import { randomUUID } from 'node:crypto'
import type { ConsoleApp } from '../../src-main/app'
import { PersonKeyStore } from '../../src-main/modules/auth/person-keys'
import { PasswordHasher } from '../../src-main/modules/staff/password-hash'
import type { PushedCommand } from '@shared/central/api'
import { sessionProof } from '../../src-main/modules/auth/session-proof'
import { TEST_PASSWORD } from './test-password'

/**
 * A command queued straight into a console's outbox, as a tampered console would, under a person's
 * name. `proof: 'own'` signs it with that person's own key, opened with their password (someone who
 * knows it); `'none'` leaves it unsigned (someone who holds only the console's key and data folder).
 */
export async function queueAs(
  app: ConsoleApp,
  author: string,
  command: { name: string; payload: unknown; madeAt: Date; proof: 'own' | 'none'; password?: string },
): Promise<string> {
  const made = await pushedCommand(app, {
    ...command,
    author,
    signedBy: command.proof === 'own' ? { login: author, password: command.password } : undefined,
  })
  const staffId = app.local.sql.prepare(`SELECT id FROM staff WHERE login = ?`).pluck().get(author)
  app.local.sql
    .prepare(
      `INSERT INTO outbox (command_id, command, payload_json, staff_id, created_at, proof_key, proof_signature,
        proof_chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      made.commandId,
      made.command,
      JSON.stringify(made.payload),
      staffId,
      made.madeAt,
      made.proof?.key ?? null,
      made.proof?.signature ?? null,
      made.proof?.chain ?? null,
    )
  return made.commandId
}

/**
 * A command as a console pushes it, made by hand: `signedBy` opens that person's key on `app` with
 * their password and signs it for `app`'s console; without it the command carries no proof.
 */
export async function pushedCommand(
  app: ConsoleApp,
  command: {
    name: string
    payload: unknown
    author: string | null
    /** The console's clock when it was made: its times are read against the service's through it. */
    madeAt: Date
    signedBy?: { login: string; password?: string }
    /** The author's central session token, for a command that needs their online session. */
    sessionToken?: string
  },
): Promise<PushedCommand> {
  const commandId = randomUUID()
  const madeAt = command.madeAt.toISOString()
  let proof: PushedCommand['proof'] = null
  if (command.signedBy) {
    const signer = await new PersonKeyStore(app.local.sql, new PasswordHasher(10)).open(
      command.signedBy.login,
      command.signedBy.password ?? TEST_PASSWORD,
    )
    if (!signer) throw new Error(`no key of ${command.signedBy.login} opens with that password`)
    proof = signer.prove({
      commandId,
      command: command.name,
      payload: command.payload,
      madeAt,
      consoleId: app.sync!.client!.consoleId!,
    })
  }
  return {
    commandId,
    command: command.name,
    payload: command.payload,
    author: command.author,
    madeAt,
    keys: [],
    audit: [],
    proof,
    madeAlone: null,
    sessionProof: command.sessionToken ? sessionProof(command.sessionToken, commandId) : null,
  }
}
