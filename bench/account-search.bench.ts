import type BetterSqlite3 from 'better-sqlite3'
import { AccountCardReader } from '../src-main/modules/accounts/account-card'
import { AccountSearch } from '../src-main/modules/accounts/search/account-search'
import { SeededRandom } from '../src-main/seed/random'
import type { Sample as EvaluationSample } from './search-evaluation-forms'
import { round, summarize } from './stats'

/** The evaluation set's account, without the columns these queries do not use. */
type Sample = Omit<EvaluationSample, 'id' | 'building'>

/** At least 240 realistic queries, 30 of each kind a caller gives, drawn from the data itself. */
export function realisticQueries(db: BetterSqlite3.Database): { kind: string; query: string }[] {
  const random = new SeededRandom(42)
  const max = (db.prepare('SELECT max(id) AS n FROM accounts').get() as { n: number }).n
  const pick =
    db.prepare(`SELECT number, eirc_number, surname, first_name, patronymic, street, house, apartment, phone, email
    FROM accounts WHERE id >= ? AND phone IS NOT NULL AND email IS NOT NULL AND apartment IS NOT NULL LIMIT 1`)
  const queries: { kind: string; query: string }[] = []
  for (let i = 0; i < 30; i++) {
    const a = pick.get(random.int(1, max - 1000)) as Sample
    const street = a.street.replace(/^(ул\.|пр-т|наб\.)\s*/, '')
    queries.push(
      { kind: 'number', query: a.number },
      { kind: 'number prefix', query: a.number.slice(0, 6) },
      { kind: 'eirc', query: a.eirc_number },
      { kind: 'surname', query: a.surname.toLowerCase() },
      { kind: 'surname + initials', query: `${a.surname} ${a.first_name[0]}. ${a.patronymic?.[0] ?? ''}.` },
      { kind: 'address short', query: `${street} ${a.house} ${a.apartment}` },
      { kind: 'address long', query: `${a.street}, д. ${a.house}, кв. ${a.apartment}` },
      { kind: 'phone', query: a.phone!.replace('+7 ', '8').replace(/-/g, '') },
      { kind: 'email', query: a.email! },
    )
  }
  return queries
}

/** The naive way, for the ratio: LIKE '%…%' over every searchable column, a full scan per query. */
function likeBaseline(db: BetterSqlite3.Database) {
  const statement =
    db.prepare(`SELECT id FROM accounts WHERE number LIKE @q OR eirc_number LIKE @q OR surname LIKE @q
    OR street LIKE @q OR phone LIKE @q OR email LIKE @q LIMIT 50`)
  return (query: string) => statement.all({ q: `%${query.split(/[ ,]+/)[0]}%` })
}

function time(fn: () => unknown): number {
  const started = performance.now()
  fn()
  return performance.now() - started
}

export function accountSearchBench(db: BetterSqlite3.Database) {
  const search = new AccountSearch(db)
  const queries = realisticQueries(db)
  for (const { query } of queries.slice(0, 20)) search.search(query, 50) // warm the page cache
  const fast = queries.map(({ query }) => time(() => search.search(query, 50)))
  const found = queries.filter(({ query }) => search.search(query, 50).hits.length > 0).length
  const like = likeBaseline(db)
  const slow = queries.map(({ query }) => time(() => like(query)))
  const byKind = Object.fromEntries(
    [...new Set(queries.map((q) => q.kind))].map((kind) => [
      kind,
      summarize(fast.filter((_, i) => queries[i]!.kind === kind)).p95,
    ]),
  )
  const indexed = summarize(fast)
  const baseline = summarize(slow)
  return {
    name: 'account search in the main process (ms)',
    queries: queries.length,
    queriesWithHits: found,
    ...indexed,
    p95ByKind: byKind,
    likeBaseline: baseline,
    p50SpeedupOverLike: round(baseline.p50 / indexed.p50),
  }
}

export function accountCardBench(db: BetterSqlite3.Database) {
  const cards = new AccountCardReader(db)
  const random = new SeededRandom(7)
  const max = (db.prepare('SELECT max(id) AS n FROM accounts').get() as { n: number }).n
  const now = new Date('2026-11-24T09:00:00Z')
  const samples = Array.from({ length: 300 }, () => {
    const id = random.int(1, max)
    return time(() => cards.read(id, now))
  })
  return { name: 'open an account card with 24 months of readings (ms)', ...summarize(samples.slice(50)) }
}
