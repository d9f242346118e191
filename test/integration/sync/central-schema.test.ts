import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { SYNCED_TABLES } from '../../../shared/central/table-catalogue'
import { migrateCentral } from '../../../src-central/db/migrate'
import { useCentralDatabase } from '../../support/central-database'

const central = useCentralDatabase()

describe('the central schema', () => {
  it('is applied by npm run central:migrate, and a second run changes nothing', async () => {
    // useCentralDatabase migrated already: the command line finds nothing to do.
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src-central/db/migrate-cli.ts', '--url', central.url],
      { encoding: 'utf8' },
    )
    expect(output).toContain('Схема уже актуальна.')
    expect(await migrateCentral(central.url)).toEqual([])
    const { rows } = await central.pool.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`)
    expect(rows.map((r) => r.name)).toEqual([
      'SubscriberData1764100000001',
      'CommandsAndConflicts1764100000002',
      'ChangeFeed1764100000003',
      'PortalContract1764100000004',
      'ClaimsAndRegistrationDecisions1764100000005',
      'ConsolesAndCentralAudit1764100000006',
      'ServiceRole1764100000007',
      'StaffTokens1764100000008',
      'StaffHistory1764100000009',
      'WebsiteRole1764100000010',
      'PortalChecks1764100000011',
      'PasswordResets1764100000012',
      'BillingImport1764100000013',
      'ChargesAndPayments1764100000014',
      'PeriodClosures1764100000015',
      'RequestSteps1764100000016',
      'RequestDocumentsAndOwners1764100000017',
      'StatementFeedForAccounts1764100000018',
      'QuestionsInbox1764100000019',
      'AuditDetailAsSent1764100000020',
      'MustChangePassword1764100000021',
      'PersonKeys1764100000022',
      'SessionsEndWithKeys1764100000023',
      'RequestNonces1764100000024',
      'DefinerFunctionsPinned1764100000025',
      'WebsiteResetsAndAttachments1764100000026',
      'ContractVersion1764100000027',
      'OneNameForQuestions1764100000028',
      'WebsiteTextAndRequests1764100000029',
      'WebsiteLimitsAndOneAcceptedReading1764100000030',
      'OwnerSwitches1764100000031',
      'PasswordResetsOnConsoles1764100000032',
      'RequestKindsCore1764100000033',
      'MeterCommissioning1764100000034',
      'AccountNotes1764100000035',
    ])
  })

  it('has every column the table catalogue declares, and grants the website exactly what it says', async () => {
    const { rows: columns } = await central.pool.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public'`,
    )
    const has = new Set(columns.map((c) => `${c.table}.${c.column}`))
    for (const table of SYNCED_TABLES)
      expect(
        Object.keys(table.columns).filter((column) => !has.has(`${table.central}.${column}`)),
        table.central,
      ).toEqual([])

    // The website's role (docs/portal-contract.md): its column grants, read back, are the catalogue's.
    const { rows: grants } = await central.pool.query<{ table: string; privilege: string; column: string }>(
      `SELECT table_name AS table, privilege_type AS privilege, column_name AS column
      FROM information_schema.column_privileges WHERE grantee = 'vodokanal_website' AND table_schema = 'public'`,
    )
    const granted = (table: string, privilege: string) =>
      grants
        .filter((g) => g.table === table && g.privilege === privilege)
        .map((g) => g.column)
        .sort()
    for (const table of SYNCED_TABLES) {
      const website = (table as { website?: { reads?: readonly string[]; writes?: readonly string[] } })
        .website
      expect(granted(table.central, 'SELECT'), `${table.central} reads`).toEqual(
        [...(website?.reads ?? [])].sort(),
      )
      expect(granted(table.central, 'INSERT'), `${table.central} writes`).toEqual(
        [...(website?.writes ?? [])].sort(),
      )
    }
    // Nothing else but the old names of the questions' tables, kept for the website until mid-2027.
    const synced = new Set<string>(SYNCED_TABLES.map((table) => table.central))
    expect([...new Set(grants.map((g) => g.table))].filter((t) => !synced.has(t)).sort()).toEqual([
      'portal_feedback',
      'portal_feedback_messages',
    ])
  })

  it('bumps a row version on every update and logs the row whole', async () => {
    await central.pool.query(
      `INSERT INTO staff (login, full_name, role, password_hash) VALUES ('v', 'В', 'clerk', 'h')`,
    )
    await central.pool.query(`UPDATE staff SET role = 'operator' WHERE login = 'v'`)
    const { rows } = await central.pool.query(
      `SELECT op, row_data->>'role' AS role, (row_data->>'version')::int AS version FROM change_log
      WHERE row_data->>'login' = 'v' ORDER BY txid, id`,
    )
    expect(rows).toEqual([
      { op: 'I', role: 'clerk', version: 1 },
      { op: 'U', role: 'operator', version: 2 },
    ])
  })
})
