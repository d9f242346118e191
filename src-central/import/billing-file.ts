import type pg from 'pg'
import type { z } from 'zod'

/** One kind of file in a billing export: how its rows are checked, staged and merged. */
export interface BillingFile<S extends z.ZodType> {
  /** The file's name without extension: `accounts` reads `accounts.csv` or `accounts.xlsx`. */
  name: string
  schema: S
  /** The staging table's columns with their PostgreSQL types, in COPY order, after `line`. */
  columns: [name: string, type: string][]
  toColumns(row: z.output<S>): (string | number | null)[]
  /** The row's identity in the file: a second row with the same key is refused. */
  key(row: z.output<S>): string
  /** Answers the lines it refused, with the reason, and leaves only good rows in the staging table. */
  refuseInDatabase(client: pg.ClientBase): Promise<{ line: number; reason: string }[]>
  /** `full`: the file lists every row of its kind, so what it no longer lists is closed. */
  merge(client: pg.ClientBase, full: boolean): Promise<{ added: number; updated: number; closed: number }>
}

/** Staged rows whose `account_number` is neither in the database nor in the accounts file are refused. */
export async function refuseUnknownAccounts(
  client: pg.ClientBase,
): Promise<{ line: number; reason: string }[]> {
  const { rows } = await client.query<{ line: number; account_number: string }>(
    `DELETE FROM import_rows s WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.number = s.account_number)
    RETURNING s.line, s.account_number`,
  )
  return rows.map((r) => ({
    line: r.line,
    reason: `account_number: лицевого счёта ${r.account_number} нет ни в базе, ни в выгрузке`,
  }))
}

/** Gives every staged row its account's id, for merging by `account_id`. */
export async function resolveAccountIds(client: pg.ClientBase): Promise<void> {
  await client.query(`ALTER TABLE import_rows ADD COLUMN account_id bigint`)
  await client.query(
    `UPDATE import_rows s SET account_id = a.id FROM accounts a WHERE a.number = s.account_number`,
  )
}
