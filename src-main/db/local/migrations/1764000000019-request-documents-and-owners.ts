import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The console's side of a request's documents and of an account's owners
 * (docs/business-rules.md#closure-and-re-registration-requests). The list of documents is mirrored; a
 * document's bytes are fetched from the central service when a clerk opens it and kept in `document_cache`,
 * encrypted with a key the operating system seals (src-main/modules/requests/document-cache.ts), so a
 * document opened once opens again offline and is never written to a file an outside program could pick up.
 */
export class RequestDocumentsAndOwners1764000000019 implements MigrationInterface {
  name = 'RequestDocumentsAndOwners1764000000019'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_request_documents (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      uploaded_at TEXT NOT NULL,
      source TEXT NOT NULL,
      added_by TEXT,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX web_request_documents_request ON web_request_documents (request_id, id)`)
    await q.query(`CREATE TABLE document_cache (
      document_id INTEGER PRIMARY KEY,
      content BLOB NOT NULL,
      fetched_at TEXT NOT NULL
    )`)
    await q.query(`CREATE TABLE account_owners (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL,
      surname TEXT NOT NULL,
      first_name TEXT NOT NULL,
      patronymic TEXT,
      phone TEXT,
      email TEXT,
      owned_from TEXT,
      owned_until TEXT,
      request_id INTEGER,
      version INTEGER NOT NULL
    )`)
    await q.query(`CREATE INDEX account_owners_account ON account_owners (account_id, id)`)
    await q.query(`ALTER TABLE web_requests ADD COLUMN completed_on TEXT`)
    await q.query(`CREATE INDEX web_requests_account ON web_requests (account_number, submitted_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX web_requests_account`)
    await q.query(`ALTER TABLE web_requests DROP COLUMN completed_on`)
    await q.query(`DROP TABLE account_owners`)
    await q.query(`DROP TABLE document_cache`)
    await q.query(`DROP TABLE web_request_documents`)
  }
}
