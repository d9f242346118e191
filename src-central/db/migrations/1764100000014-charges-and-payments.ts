import type { MigrationInterface, QueryRunner } from 'typeorm'
import { feedTriggers } from './1764100000003-change-feed'

/** The subscriber the website is serving in this transaction (as in the website-role migration). */
const SUBSCRIBER_ACCOUNTS = `SELECT a.id FROM accounts a WHERE a.number = current_setting('vodokanal.account', true)`

/** What the website reads of each: enough for the private house's "extended" cabinet, no more. */
const WEBSITE_READS = {
  charges: ['account_id', 'period', 'service', 'amount_kopecks'],
  payments: ['account_id', 'paid_on', 'amount_kopecks', 'channel'],
}

/**
 * Charges and payments of private houses (DOMAIN: the extended cabinet), mastered by billing and
 * imported like accounts (docs/billing-import.md). A charge is known by account, period and service;
 * a payment by billing's own document number. Money is in kopecks; a correction may be negative.
 * Both go to consoles through the feed (the card's balance) and to the website for the subscriber
 * it names.
 */
export class ChargesAndPayments1764100000014 implements MigrationInterface {
  name = 'ChargesAndPayments1764100000014'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE charges (
      id bigserial PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      service text NOT NULL CHECK (service IN ('water', 'sewerage')),
      amount_kopecks bigint NOT NULL,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (account_id, period, service)
    )`)
    await q.query(`CREATE INDEX charges_period ON charges (period)`)
    await q.query(`CREATE TABLE payments (
      id bigserial PRIMARY KEY,
      billing_id text NOT NULL UNIQUE,
      account_id bigint NOT NULL REFERENCES accounts (id),
      paid_on date NOT NULL,
      amount_kopecks bigint NOT NULL,
      channel text NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`)
    await q.query(`CREATE INDEX payments_account ON payments (account_id, paid_on)`)
    await q.query(`CREATE INDEX payments_paid_on ON payments (paid_on)`)
    for (const table of ['charges', 'payments']) {
      for (const statement of feedTriggers(table)) await q.query(statement)
      // Billing's history is corrected, never deleted (the service's role has the rest by default).
      await q.query(`REVOKE DELETE, TRUNCATE ON ${table} FROM vodokanal_central`)
      await q.query(
        `GRANT SELECT (${WEBSITE_READS[table as keyof typeof WEBSITE_READS].join(', ')}) ON ${table} TO vodokanal_website`,
      )
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`)
      await q.query(
        `CREATE POLICY website_reads ON ${table} FOR SELECT TO vodokanal_website
        USING (account_id IN (${SUBSCRIBER_ACCOUNTS}))`,
      )
      await q.query(
        `CREATE POLICY service_all ON ${table} TO vodokanal_central USING (true) WITH CHECK (true)`,
      )
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payments`)
    await q.query(`DROP TABLE charges`)
  }
}
