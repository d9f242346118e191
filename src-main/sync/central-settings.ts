import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { CentralServiceView } from '@shared/contract'
import { defineCommand } from '../commands/pipeline'
import type { ConsoleIdentity, ServiceEndpoint } from './central-client'
import { setAsideMadeAlone } from './made-alone'
import type { SecretBox } from './secret-box'

/**
 * How this console reaches the central service, as stored: the address, the utility's CA if any,
 * and the console's enrolment (its id and its private key, sealed by the shell's secret box: the
 * OS store in Electron). Never a database credential: consoles do not hold one.
 */
export interface StoredService {
  url: string
  caPem: string | null
  consoleName: string
  consoleId: string
  sealedPrivateKey: string
  enrolledAt: string
  enrolledBy: string
}

const KEY = 'centralService'

export function readStoredService(db: BetterSqlite3.Database): StoredService | null {
  const value = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(KEY) as string | undefined
  return value ? (JSON.parse(value) as StoredService) : null
}

export function serviceView(db: BetterSqlite3.Database): CentralServiceView {
  const stored = readStoredService(db)
  if (!stored)
    return {
      configured: false,
      url: null,
      consoleName: null,
      consoleId: null,
      customCa: false,
      enrolledAt: null,
      enrolledBy: null,
    }
  return {
    configured: true,
    url: stored.url,
    consoleName: stored.consoleName,
    consoleId: stored.consoleId,
    customCa: stored.caPem !== null,
    enrolledAt: stored.enrolledAt,
    enrolledBy: stored.enrolledBy,
  }
}

/** The address and enrolment to sync with, the key opened from its seal; null when not enrolled. */
export function storedService(
  db: BetterSqlite3.Database,
  box: SecretBox,
): { endpoint: ServiceEndpoint; identity: ConsoleIdentity } | null {
  const stored = readStoredService(db)
  if (!stored) return null
  return {
    endpoint: { url: stored.url, caPem: stored.caPem },
    identity: {
      consoleId: stored.consoleId,
      privateKey: createPrivateKey(box.open(stored.sealedPrivateKey)),
    },
  }
}

/** A fresh Ed25519 key pair: the public half goes to the service, the private half stays sealed here. */
export function makeConsoleKeys(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

/**
 * Records this console's enrolment at a central service (or, with null, forgets it). Moving to
 * another service starts the feed and the initial copy anew; queued commands stay and go there.
 */
export const saveCentralService = defineCommand<
  {
    service: {
      url: string
      caPem: string | null
      consoleName: string
      consoleId: string
      privateKeyPem: string
      enrolledBy: string
    } | null
    box: SecretBox
    at: string
  },
  CentralServiceView
>({
  name: 'sync.configure',
  outboxPayload: null,
  apply(db, input) {
    const before = serviceView(db)
    const next = input.service
    // What its own people did while the console worked alone waits for the approving supervisor.
    if (next && !before.configured) setAsideMadeAlone(db)
    if (next) {
      const stored: StoredService = {
        url: next.url,
        caPem: next.caPem,
        consoleName: next.consoleName,
        consoleId: next.consoleId,
        sealedPrivateKey: input.box.seal(next.privateKeyPem),
        enrolledAt: input.at,
        enrolledBy: next.enrolledBy,
      }
      db.prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(KEY, JSON.stringify(stored))
    } else db.prepare(`DELETE FROM settings WHERE key = ?`).run(KEY)
    const after = serviceView(db)
    if (!next || before.url !== after.url)
      db.prepare(`DELETE FROM sync_state WHERE key IN ('cursor', 'initialSync')`).run()
    return { result: after, changes: [{ entity: 'settings', entityId: KEY, before, after }] }
  },
})
