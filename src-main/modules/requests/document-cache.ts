import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { SecretBox } from '../../sync/secret-box'

const KEY_SETTING = 'documentCacheKey'

/**
 * A request's documents, once fetched, kept on this console so they open again without the network
 * (docs/business-rules.md#closure-and-re-registration-requests). Scans of passports and contracts are
 * personal data (152-FZ): each is stored encrypted (AES-256-GCM) with a key generated once per console and
 * sealed by the operating system's secret store, the same box that seals the central credentials. Without a
 * box (a console that cannot seal secrets) nothing is cached: every view fetches again.
 */
export class DocumentCache {
  private key: Buffer | null = null

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly box: SecretBox | null,
  ) {}

  read(documentId: number): Buffer | null {
    if (!this.box) return null
    const stored = this.db
      .prepare(`SELECT content FROM document_cache WHERE document_id = ?`)
      .pluck()
      .get(documentId) as Buffer | undefined
    if (!stored) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.cacheKey(), stored.subarray(0, 12))
      decipher.setAuthTag(stored.subarray(12, 28))
      return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()])
    } catch {
      // Tampered with, or sealed by a key this console no longer has: fetched again.
      return null
    }
  }

  write(documentId: number, content: Buffer, at: string): void {
    if (!this.box) return
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.cacheKey(), iv)
    const sealed = Buffer.concat([iv, Buffer.alloc(16), cipher.update(content), cipher.final()])
    cipher.getAuthTag().copy(sealed, 12)
    this.db
      .prepare(`INSERT OR REPLACE INTO document_cache (document_id, content, fetched_at) VALUES (?, ?, ?)`)
      .run(documentId, sealed, at)
  }

  private cacheKey(): Buffer {
    if (this.key) return this.key
    const sealed = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(KEY_SETTING) as
      string | undefined
    // Settings hold JSON values, as every other setting does.
    if (sealed) return (this.key = Buffer.from(this.box!.open(JSON.parse(sealed) as string), 'base64'))
    const key = randomBytes(32)
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`)
      .run(KEY_SETTING, JSON.stringify(this.box!.seal(key.toString('base64'))))
    return (this.key = key)
  }
}
