import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importBilling } from '../../../src-central/import/import-billing'
import { seedCentralDemo } from '../../../scripts/central-seed'
import { resetCentral, useCentralService } from '../../support/central-service'
import { buildTestApp } from '../../support/test-app'

const central = useCentralService()

const ACCOUNTS_HEADER =
  'account_number;eirc_number;surname;first_name;patronymic;district;street;house;building;apartment;phone;email;house_type;opened_on;closed_on'
const account = (number: string, eirc: string, surname: string, phone = '+7 978 000-00-01') =>
  `${number};${eirc};${surname};Анна;Петровна;Ленинский;ул. Большая Морская;12;;5;${phone};;МКД;01.02.2015;`
const METERS_HEADER = 'account_number;serial;place;installed_on;verification_due;digits;removed_on'

/** The billing system's export folder (docs/portal-contract.md). */
describe('master data from billing: npm run central:import', () => {
  let dir: string
  beforeEach(async () => {
    await resetCentral(central)
    dir = mkdtempSync(join(tmpdir(), 'vodokanal-billing-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const write = (name: string, lines: string[]) =>
    writeFileSync(join(dir, name), '\uFEFF' + lines.join('\r\n') + '\r\n')
  const changeCount = async () =>
    Number((await central.pool.query<{ n: string }>(`SELECT count(*) AS n FROM change_log`)).rows[0]!.n)

  it('reports every bad row by file, line and reason, takes the good ones, and a second run changes nothing', async () => {
    write('accounts.csv', [
      ACCOUNTS_HEADER,
      account('40000001', '900000001', 'Ковалёва'),
      account('40000002', '900000002', 'Петренко'),
      '40000003;900000003;Сидоров', // line 4: wrong number of fields
      account('40000001', '900000009', 'Двойник'), // line 5: the same account again
      account('4000-0004', '900000004', 'Орлова'), // line 6: not an account number
      account('40000005', '900000005', '  '), // line 7: blank surname
    ])
    write('meters.csv', [
      METERS_HEADER,
      '40000001;СВ-101;кухня;01.03.2020;01.03.2026;5;',
      '40000001;СВ-102;ванная;01.03.2020;01.03.2026;пять;', // line 3: not a number
      '49999999;СВ-999;кухня;01.03.2020;01.03.2026;5;', // line 4: an account billing did not export
      '40000001;СВ-101;кухня;01.03.2020;01.03.2026;5;', // line 5: the same meter again
      '40000002;СВ-201;кухня;31.02.2020;01.03.2026;5;', // line 6: no such date
    ])
    const first = await importBilling(central.pool, dir, { full: false })
    expect(first.map((r) => ({ file: r.file, added: r.added, updated: r.updated }))).toEqual([
      { file: 'accounts.csv', added: 2, updated: 0 },
      { file: 'meters.csv', added: 1, updated: 0 },
    ])
    expect(first.flatMap((r) => r.rejected)).toEqual([
      { file: 'accounts.csv', line: 4, reason: 'число полей в строке не совпадает с заголовком' },
      { file: 'accounts.csv', line: 5, reason: 'повторяет строку 2' },
      { file: 'accounts.csv', line: 6, reason: 'account_number: номер лицевого счёта — от 4 до 20 цифр' },
      { file: 'accounts.csv', line: 7, reason: 'surname: не заполнено' },
      { file: 'meters.csv', line: 3, reason: 'digits: не число' },
      {
        file: 'meters.csv',
        line: 4,
        reason: 'account_number: лицевого счёта 49999999 нет ни в базе, ни в выгрузке',
      },
      { file: 'meters.csv', line: 5, reason: 'повторяет строку 2' },
      {
        file: 'meters.csv',
        line: 6,
        reason: 'installed_on: не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)',
      },
    ])
    const { rows } = await central.pool.query(
      `SELECT number, surname, house_type, opened_on, status FROM accounts ORDER BY number`,
    )
    expect(rows).toEqual([
      {
        number: '40000001',
        surname: 'Ковалёва',
        house_type: 'mkd',
        opened_on: '2015-02-01',
        status: 'active',
      },
      {
        number: '40000002',
        surname: 'Петренко',
        house_type: 'mkd',
        opened_on: '2015-02-01',
        status: 'active',
      },
    ])
    const feed = await changeCount()
    const second = await importBilling(central.pool, dir, { full: false })
    expect(second.map((r) => [r.added, r.updated, r.closed])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(await changeCount()).toBe(feed)
  })

  it('refuses a file that is not UTF-8 whole, and changes nothing', async () => {
    // "Ковалёва" in Windows-1251, as an old export would write it.
    const cp1251 = Buffer.from([0xca, 0xee, 0xe2, 0xe0, 0xeb, 0xb8, 0xe2, 0xe0])
    writeFileSync(
      join(dir, 'accounts.csv'),
      Buffer.concat([
        Buffer.from(ACCOUNTS_HEADER + '\n40000001;900000001;'),
        cp1251,
        Buffer.from(';Анна;;Ленинский;ул. Ленина;1;;;;;частный;2015-02-01;\n'),
      ]),
    )
    const [report] = await importBilling(central.pool, dir, { full: false })
    expect(report).toMatchObject({
      file: 'accounts.csv',
      refused: expect.stringContaining('UTF-8') as string,
    })
    expect((await central.pool.query(`SELECT 1 FROM accounts`)).rows).toHaveLength(0)
  })

  it('reads the same export saved as XLSX', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Лицевые счета')
    sheet.addRow(ACCOUNTS_HEADER.split(';'))
    sheet.addRow(account('40000001', '900000001', 'Ковалёва').split(';'))
    const withDate = account('40000002', '900000002', 'Петренко').split(';')
    sheet.addRow([...withDate.slice(0, 13), new Date(Date.UTC(2016, 4, 20)), ''])
    await workbook.xlsx.writeFile(join(dir, 'accounts.xlsx'))
    const [report] = await importBilling(central.pool, dir, { full: false })
    expect(report).toMatchObject({ file: 'accounts.xlsx', added: 2, rejected: [] })
    const { rows } = await central.pool.query(`SELECT opened_on FROM accounts WHERE number = '40000002'`)
    expect(rows).toEqual([{ opened_on: '2016-05-20' }])
  })

  it('a full export closes the accounts it no longer lists; a changed phone reaches a syncing console', async () => {
    write('accounts.csv', [
      ACCOUNTS_HEADER,
      account('40000001', '900000001', 'Ковалёва'),
      account('40000002', '900000002', 'Петренко'),
    ])
    await importBilling(central.pool, dir, { full: true })
    const console_ = await buildTestApp({ central: { service: central } })
    try {
      await console_.app.sync!.syncNow()
      write('accounts.csv', [
        ACCOUNTS_HEADER,
        account('40000001', '900000001', 'Ковалёва', '+7 978 555-12-34'),
      ])
      // The command a utility's scheduler runs, as its own process.
      const run = spawnSync(
        process.execPath,
        [
          'node_modules/tsx/dist/cli.mjs',
          'src-central/import/import-cli.ts',
          '--url',
          central.url,
          '--dir',
          dir,
          '--full',
        ],
        { encoding: 'utf8' },
      )
      expect(run.stdout).toContain(
        'accounts.csv: прочитано 1, добавлено 0, изменено 1, закрыто 1, отклонено 0',
      )
      expect(run.status).toBe(0)
      await console_.app.sync!.syncNow()
      const local = console_.app.local.sql
        .prepare(`SELECT number, phone, status FROM accounts ORDER BY number`)
        .all()
      expect(local).toEqual([
        { number: '40000001', phone: '+7 978 555-12-34', status: 'active' },
        { number: '40000002', phone: '+7 978 000-00-01', status: 'closed' },
      ])
    } finally {
      await console_.dispose()
    }
  })

  it('takes charges and payments of private houses, refuses bad rows, applies a recalculation, and a console’s card shows the balance', async () => {
    write('accounts.csv', [
      ACCOUNTS_HEADER,
      '40000001;900000001;Ковалёва;Анна;;Нахимовский;ул. Лесная;5;;;;;частный;01.02.2015;',
    ])
    write('charges.csv', [
      'account_number;period;service;amount',
      '40000001;10.2026;водоснабжение;512,40',
      '40000001;2026-10;водоотведение;1 024,00',
      '40000001;13.2026;водоснабжение;10', // line 4: no such period
      '40000001;10.2026;газ;10', // line 5: not a service of Vodokanal
      '40000001;10.2026;вода;10', // line 6: the same charge again
      '49999999;10.2026;вода;10', // line 7: an account billing did not export
      '40000001;11.2026;вода;12,345', // line 8: not money
    ])
    write('payments.csv', [
      'payment_id;account_number;paid_on;amount;channel',
      'П-0001;40000001;05.11.2026;1000,00;РНКБ',
      'П-0002;40000001;06.11.2026;-50;касса ЕИРЦ',
      'П-0001;40000001;07.11.2026;1;РНКБ', // line 4: the same payment again
      'П-0003;40000001;06.11.2026;10;', // line 5: no channel
    ])
    const first = await importBilling(central.pool, dir, { full: true })
    expect(first.map((r) => [r.file, r.added, r.updated, r.closed])).toEqual([
      ['accounts.csv', 1, 0, 0],
      ['charges.csv', 2, 0, 0],
      ['payments.csv', 2, 0, 0],
    ])
    expect(first.flatMap((r) => r.rejected)).toEqual([
      { file: 'charges.csv', line: 4, reason: 'period: не период (ожидается ММ.ГГГГ или ГГГГ-ММ)' },
      { file: 'charges.csv', line: 5, reason: 'service: услуга — «водоснабжение» или «водоотведение»' },
      { file: 'charges.csv', line: 6, reason: 'повторяет строку 2' },
      {
        file: 'charges.csv',
        line: 7,
        reason: 'account_number: лицевого счёта 49999999 нет ни в базе, ни в выгрузке',
      },
      { file: 'charges.csv', line: 8, reason: 'amount: не сумма в рублях (например, 1234,56)' },
      { file: 'payments.csv', line: 4, reason: 'повторяет строку 2' },
      { file: 'payments.csv', line: 5, reason: 'channel: не заполнено' },
    ])
    const feed = await changeCount()
    expect((await importBilling(central.pool, dir, { full: true })).map((r) => r.added + r.updated)).toEqual([
      0, 0, 0,
    ])
    expect(await changeCount()).toBe(feed)

    const console_ = await buildTestApp({ central: { service: central } })
    try {
      await console_.app.sync!.syncNow()
      write('charges.csv', ['account_number;period;service;amount', '40000001;10.2026;вода;500,00'])
      rmSync(join(dir, 'payments.csv'))
      expect(await importBilling(central.pool, dir, { full: false })).toMatchObject([
        { file: 'accounts.csv', added: 0, updated: 0 },
        { file: 'charges.csv', added: 0, updated: 1 },
      ])
      await console_.app.sync!.syncNow()
      const local = console_.app.local.sql
      const id = local.prepare(`SELECT id FROM accounts WHERE number = '40000001'`).pluck().get() as number
      expect(
        local.prepare(`SELECT period, service, amount_kopecks FROM charges ORDER BY service`).all(),
      ).toEqual([
        { period: '2026-10', service: 'sewerage', amount_kopecks: 102400 },
        { period: '2026-10', service: 'water', amount_kopecks: 50000 },
      ])
      expect(
        local.prepare(`SELECT paid_on, amount_kopecks, channel FROM payments ORDER BY paid_on`).all(),
      ).toEqual([
        { paid_on: '2026-11-05', amount_kopecks: 100000, channel: 'РНКБ' },
        { paid_on: '2026-11-06', amount_kopecks: -5000, channel: 'касса ЕИРЦ' },
      ])
      const card = await console_.call('accounts.card', { accountId: id }, console_.supervisorToken)
      expect(card.billing).toMatchObject({ balanceKopecks: 100000 - 5000 - 102400 - 50000 })
    } finally {
      await console_.dispose()
    }
  })

  it('npm run central:seed writes the demo city through the same import, every row taken; again, nothing changes', async () => {
    expect(await seedCentralDemo(central.url, 300)).toMatch(
      /^accounts\.csv: добавлено 300, изменено 0, отклонено 0; meters\.csv: добавлено \d+, изменено 0, отклонено 0; charges\.csv: добавлено [1-9]\d*, изменено 0, отклонено 0; payments\.csv: добавлено [1-9]\d*, изменено 0, отклонено 0$/,
    )
    expect(await seedCentralDemo(central.url, 300)).toMatch(
      /^accounts\.csv: добавлено 0, изменено 0, отклонено 0; meters\.csv: добавлено 0, изменено 0, отклонено 0; charges\.csv: добавлено 0, изменено 0, отклонено 0; payments\.csv: добавлено 0, изменено 0, отклонено 0$/,
    )
  })
})
