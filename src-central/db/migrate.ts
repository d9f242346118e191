import { DataSource } from 'typeorm'
import { centralMigrations } from './migrations'

/**
 * Brings a central database to the current schema. Safe to run twice and from several consoles at
 * once: TypeORM takes each migration in its own transaction and skips the ones already recorded, and
 * an advisory lock keeps two runners from racing on the same one.
 */
export async function migrateCentral(url: string): Promise<string[]> {
  const source = new DataSource({
    type: 'postgres',
    url,
    migrations: centralMigrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  })
  await source.initialize()
  try {
    await source.query(`SELECT pg_advisory_lock(7163001)`)
    const applied = await source.runMigrations({ transaction: 'each' })
    await source.query(`SELECT pg_advisory_unlock(7163001)`)
    return applied.map((migration) => migration.name)
  } finally {
    await source.destroy()
  }
}
