import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { commandSigningText, type ProvenFields } from '@shared/central/command-proof'
import type { PasswordHasher } from '../staff/password-hash'

/** What a command carries to prove its author: the registered public key and the signature. */
export interface CommandProof {
  key: string
  signature: string
  /** The hash of what this key signed before it (docs/central-service.md#chained-proofs). */
  chain: string | null
  /** The author's online session's mark, for a command that needs one (shared/central/command-proof.ts). */
  sessionProof?: string | null
}

/**
 * A person's signing key on this console, open for the length of their session
 * (docs/central-service.md#proof-of-person). Only the process's memory holds it open.
 */
export class PersonSigner {
  constructor(
    readonly publicKey: string,
    private readonly privateKey: KeyObject,
  ) {}

  /** The hash of the text this key signed last in this session: the next signature covers it. */
  private last: string | null = null

  /**
   * Signs a command, chained to the one this key signed before (docs/central-service.md#chained-proofs).
   * A command signed but then not written (its transaction failed) only costs the next one its link:
   * the service checks that one's own signature instead.
   */
  prove(fields: Omit<ProvenFields, 'chain'>): CommandProof {
    const text = commandSigningText({ ...fields, chain: this.last })
    const signature = sign(null, Buffer.from(text), this.privateKey)
    const chain = this.last
    this.last = createHash('sha256').update(text).digest('base64')
    return { key: this.publicKey, signature: signature.toString('base64'), chain }
  }
}

/** A new key pair for a person's online sign-in; its public half is what the service registers. */
export function newPersonKey(): { signer: PersonSigner; privateDer: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const publicDer = publicKey.export({ type: 'spki', format: 'der' })
  return {
    signer: new PersonSigner(publicDer.toString('base64'), privateKey),
    privateDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
  }
}

/**
 * Keeps a person's key on this console wrapped by a key derived from their password (AES-256-GCM),
 * so it opens only at their own sign-in, online or offline: the console's data folder and its own
 * key alone cannot open it. One key per person on this console; a new sign-in replaces it.
 */
export class PersonKeyStore {
  private readonly s

  constructor(
    db: BetterSqlite3.Database,
    private readonly hasher: PasswordHasher,
  ) {
    this.s = {
      put: db.prepare(`INSERT INTO person_keys (login, public_key, wrapped_key, kdf, created_at)
        VALUES (@login, @publicKey, @wrapped, @kdf, @at) ON CONFLICT (login) DO UPDATE SET
        public_key = excluded.public_key, wrapped_key = excluded.wrapped_key, kdf = excluded.kdf,
        created_at = excluded.created_at`),
      get: db.prepare(
        `SELECT public_key AS publicKey, wrapped_key AS wrapped, kdf FROM person_keys WHERE login = ?`,
      ),
    }
  }

  async keep(login: string, password: string, made: ReturnType<typeof newPersonKey>, at: string) {
    const { key, params } = await this.hasher.keyFor(password)
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(Buffer.from(`${login}\n${made.signer.publicKey}`))
    const sealed = Buffer.concat([cipher.update(made.privateDer), cipher.final()])
    const wrapped = [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64')).join('.')
    this.s.put.run({ login, publicKey: made.signer.publicKey, wrapped, kdf: params, at })
  }

  /** The person's key opened with their password; null when there is none or the password is another. */
  async open(login: string, password: string): Promise<PersonSigner | null> {
    const row = this.s.get.get(login) as { publicKey: string; wrapped: string; kdf: string } | undefined
    if (!row) return null
    const [iv, tag, sealed] = row.wrapped.split('.').map((part) => Buffer.from(part, 'base64'))
    if (!iv || !tag || !sealed) return null
    const { key } = await this.hasher.keyFor(password, row.kdf)
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv)
      decipher.setAAD(Buffer.from(`${login}\n${row.publicKey}`))
      decipher.setAuthTag(tag)
      const der = Buffer.concat([decipher.update(sealed), decipher.final()])
      return new PersonSigner(row.publicKey, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
    } catch {
      return null
    }
  }
}
