import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportProgress } from '@shared/contract'
import { readingsRegister } from '../../src-main/modules/exports/sources/readings-register'
import { seedLocalDatabase } from '../../src-main/seed/seed-local'
import { aMeter, anAccount, insertAccounts, insertMeters, insertReadings } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * Exports read back (docs/business-rules.md#reports-exports-and-the-audit-trail): the readings register as
 * XLSX (real numbers and dates, Russian formats, frozen header, autofilter) and as CSV for Russian Excel
 * (BOM, `;`, decimal comma, dd.mm.yyyy, a formula neutralised), the same data as a PDF whose Cyrillic text
 * pdftotext finds, the period closed by the export, and a cancelled export that leaves no file.
 */
describe('exports', () => {
  let t: TestApp

  const finished = (jobId: string) =>
    new Promise<ExportProgress>((resolve) => {
      const off = t.app.events.on('export.progress', (event) => {
        if (event.jobId === jobId && event.state !== 'running') {
          off()
          resolve(event)
        }
      })
    })

  beforeEach(async () => {
    t = await buildTestApp()
    const db = t.app.local.sql
    insertAccounts(db, [
      anAccount({ id: 1, number: '40000001', eircNumber: '920100000001', district: 'Гагаринский' }),
      // A district as a spreadsheet would run it: it must stay text.
      anAccount({
        id: 2,
        number: '40000002',
        eircNumber: '920100000002',
        district: '=HYPERLINK("http://x")',
      }),
      anAccount({ id: 3, number: '40000003', eircNumber: '920100000003', district: 'Ленинский' }),
      anAccount({ id: 4, number: '40000004', eircNumber: '920100000004', district: 'Ленинский' }),
    ])
    insertMeters(db, [
      aMeter({ id: 11, accountId: 1, serial: 'ХВ-11', digits: 5 }),
      aMeter({ id: 21, accountId: 2, serial: 'ХВ-21' }),
      aMeter({ id: 31, accountId: 3, serial: 'ХВ-31' }),
      // Installed in September and never read: silent for three periods by November.
      aMeter({ id: 41, accountId: 4, serial: 'ХВ-41', installedOn: '2026-09-15' }),
    ])
    // Meter 11 rolled over past 99,999 m³ between October and November.
    insertReadings(db, 11, { '2026-10': 99_990.5, '2026-11': 12.25 }, 'paper')
    insertReadings(db, 21, { '2026-08': 10 })
    insertReadings(db, 31, { '2026-11': 7.125 })
  })
  afterEach(() => t.dispose())

  it('writes the register as XLSX with real numbers, dates, a frozen header and an autofilter', async () => {
    const started = await t.call(
      'exports.readingsRegister',
      { period: '2026-11', format: 'xlsx' },
      t.supervisorToken,
    )
    expect(started.fileName).toBe('Реестр показаний 2026-11.xlsx')
    expect(await finished(started.jobId)).toMatchObject({ state: 'done', written: 4, total: 4 })
    const file = await t.app.exports.file(started.jobId, null)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file!.path)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Показания', 'Без показаний'])
    const readings = book.getWorksheet('Показания')!
    expect(readings.getRow(1).values).toEqual([
      undefined,
      'Лицевой счёт',
      'Лицевой счёт ЕИРЦ',
      'Счётчик',
      'Предыдущее, м³',
      'Текущее, м³',
      'Расход, м³',
      'Источник',
      'Получено',
    ])
    expect(readings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(readings.autoFilter).toBeTruthy()
    const first = readings.getRow(2)
    expect(first.getCell(1).value).toBe('40000001')
    expect(first.getCell(4).value).toBe(99_990.5)
    expect(first.getCell(5).value).toBe(12.25)
    expect(first.getCell(6).value).toBeCloseTo(21.75, 6) // across the roll-over
    expect(first.getCell(6).numFmt).toBe('0.000')
    expect(first.getCell(7).value).toBe('бумажный бланк')
    expect(first.getCell(8).value).toBeInstanceOf(Date)
    expect(first.getCell(8).numFmt).toBe('dd.mm.yyyy hh:mm')
    const silent = book.getWorksheet('Без показаний')!
    expect(silent.getRow(2).values).toEqual([
      undefined,
      '40000002',
      '920100000002',
      '\'=HYPERLINK("http://x")',
      '08.2026',
      3,
    ])
    expect(silent.getRow(3).values).toEqual([
      undefined,
      '40000004',
      '920100000004',
      'Ленинский',
      undefined,
      3,
    ])
  })

  it('writes CSV for Russian Excel: BOM, semicolons, decimal commas, dd.mm.yyyy, formulas kept as text', async () => {
    const started = await t.call(
      'exports.readingsRegister',
      { period: '2026-11', format: 'csv' },
      t.supervisorToken,
    )
    await finished(started.jobId)
    const bytes = readFileSync((await t.app.exports.file(started.jobId, null))!.path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(bytes.toString('utf8').slice(1), {
      delimiter: ';',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][]
    expect(rows[0]).toEqual(['Показания'])
    expect(rows[1]![0]).toBe('Лицевой счёт')
    expect(rows[2]).toEqual([
      '40000001',
      // The one form Russian Excel opens as the 12 digits, not 9,20105E+11.
      '="920100000001"',
      'ХВ-11',
      '99990,500',
      '12,250',
      '21,750',
      'бумажный бланк',
      '01.11.2026 12:00',
    ])
    // A reading without one before it: no previous value, no consumption.
    expect(rows[3]!.slice(3, 6)).toEqual(['', '7,125', ''])
    const silent = rows.find((row) => row[0] === '40000002')!
    expect(silent[2]).toBe(`'=HYPERLINK("http://x")`)
  })

  it('prints the same tables as a PDF whose Russian text can be read back', async () => {
    const started = t.app.exports.start((reader) => readingsRegister(reader, '2026-11'), 'pdf', 'chief')
    const file = await t.app.exports.file(started.jobId, 'chief')
    const text = execFileSync('pdftotext', ['-layout', file!.path, '-'], { encoding: 'utf8' })
    expect(text).toContain('Реестр показаний за ноябрь 2026')
    expect(text).toContain('Период: ноябрь 2026')
    expect(text).toContain('Без показаний')
    expect(text).toMatch(/40000001\s+920100000001\s+ХВ-11/)
    expect(text).toContain('стр. 1 из 1')
  })

  it('closes the period once the register is written, audited and queued for the central service', async () => {
    // On 24 November, November still collects readings: closing it is early and needs a reason, asked
    // before the file is made.
    expect(
      await t.refused(
        'exports.readingsRegister',
        { period: '2026-11', format: 'csv', close: true },
        t.supervisorToken,
      ),
    ).toMatchObject({ code: 'PERIOD_STILL_COLLECTING', params: { until: '2026-12-02' } })
    const started = await t.call(
      'exports.readingsRegister',
      { period: '2026-11', format: 'csv', close: true, reason: 'биллинг попросил реестр раньше' },
      t.supervisorToken,
    )
    await finished(started.jobId)
    await t.app.exports.file(started.jobId, null)
    const db = t.app.local.sql
    await expect
      .poll(() => db.prepare(`SELECT closed FROM period_closures WHERE period = '2026-11'`).pluck().get())
      .toBe(1)
    expect(
      db.prepare(`SELECT command FROM outbox WHERE command = 'readings.setPeriodClosed'`).pluck().all(),
    ).toEqual(['readings.setPeriodClosed'])
    expect(
      db.prepare(`SELECT after_json FROM audit_log WHERE entity = 'periodClosure'`).pluck().get(),
    ).toContain('биллинг попросил реестр раньше; реестр выгружен')
    // Once closed, asking to close it again is refused in words; exporting it again is not.
    expect(
      (
        await t.refused(
          'exports.readingsRegister',
          { period: '2026-11', format: 'csv', close: true },
          t.supervisorToken,
        )
      ).code,
    ).toBe('PERIOD_ALREADY_CLOSED')
    // Only supervisors export the register.
    expect(
      (
        await t.refused(
          'exports.readingsRegister',
          { period: '2026-11', format: 'csv' },
          await t.tokenFor('clerk'),
        )
      ).code,
    ).toBe('FORBIDDEN')
  })

  it('stops a cancelled export and leaves no file behind; the console writes on while it runs', async () => {
    const many = Array.from({ length: 6_000 }, (_, i) => anAccount({ id: 100 + i }))
    insertAccounts(t.app.local.sql, many)
    insertMeters(
      t.app.local.sql,
      many.map((a) => aMeter({ id: 1000 + a.id, accountId: a.id })),
    )
    const started = await t.call(
      'exports.readingsRegister',
      { period: '2026-11', format: 'xlsx' },
      t.supervisorToken,
    )
    let wroteMeanwhile = false
    const off = t.app.events.on('export.progress', (event) => {
      // The export reads through its own connection: a write on the main one is not refused as busy.
      if (event.jobId === started.jobId && event.written > 0 && !wroteMeanwhile) {
        t.app.local.sql.prepare(`UPDATE inbox_settings SET open_cap = 30`).run()
        wroteMeanwhile = true
      }
      if (event.jobId === started.jobId && event.written > 0)
        void t.call('exports.cancel', { jobId: started.jobId }, t.supervisorToken)
    })
    const end = await finished(started.jobId)
    off()
    expect(end.state).toBe('cancelled')
    expect(wroteMeanwhile).toBe(true)
    expect(await t.app.exports.file(started.jobId, null)).toBeNull()
    expect(existsSync(`${t.dataDir}/exports/${started.jobId}.xlsx`)).toBe(false)
  })
})

describe('the readings register of a seeded period', () => {
  it('matches the database row for row', async () => {
    const t = await buildTestApp()
    try {
      const db = t.app.local.sql
      seedLocalDatabase(db, { count: 1_500, seed: 7, untilPeriod: '2026-10', months: 6 })
      const started = await t.call(
        'exports.readingsRegister',
        { period: '2026-10', format: 'csv' },
        t.supervisorToken,
      )
      await new Promise<void>((resolve) => {
        const off = t.app.events.on('export.progress', (event) => {
          if (event.jobId === started.jobId && event.state !== 'running') {
            off()
            resolve()
          }
        })
      })
      const text = readFileSync((await t.app.exports.file(started.jobId, null))!.path, 'utf8').slice(1)
      const rows = parse(text, {
        delimiter: ';',
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
      }) as string[][]
      const silentAt = rows.findIndex((row) => row[0] === 'Без показаний')
      const readings = rows.slice(2, silentAt)
      const silent = rows.slice(silentAt + 2)
      // Every reading of the period, value for value, from the database itself.
      const expected = db
        .prepare(
          `SELECT a.number, m.serial, r.value_milli AS value FROM readings r JOIN meters m ON m.id = r.meter_id
          JOIN accounts a ON a.id = m.account_id WHERE r.period = '2026-10' ORDER BY a.number, m.serial`,
        )
        .all() as { number: string; serial: string; value: number }[]
      expect(readings.length).toBe(expected.length)
      expect(readings.map((row) => [row[0], row[2], row[4]])).toEqual(
        expected.map((e) => [e.number, e.serial, (e.value / 1000).toFixed(3).replace('.', ',')]),
      )
      // And every live account with meters that has none.
      const silentExpected = db
        .prepare(
          `SELECT count(*) FROM accounts a WHERE a.status = 'active'
          AND EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.status = 'active')
          AND NOT EXISTS (SELECT 1 FROM meters m JOIN readings r ON r.meter_id = m.id AND r.period = '2026-10'
            WHERE m.account_id = a.id AND m.status = 'active')`,
        )
        .pluck()
        .get() as number
      expect(silent.length).toBe(silentExpected)
      expect(readings.length).toBeGreaterThan(1_000)
    } finally {
      await t.dispose()
    }
  })
})

describe('queues exported as a supervisor sees them', () => {
  it('writes the registrations, requests and questions queues', async () => {
    const t = await buildTestApp()
    try {
      const db = t.app.local.sql
      insertAccounts(db, [anAccount({ id: 1, number: '40000001', surname: 'Орлова' })])
      db.exec(`INSERT INTO web_registrations (id, account_number, surname, email, submitted_at, state, version)
        VALUES (1, '40000001', 'Орлoва', 'o@mail.ru', '2026-11-20T09:00:00Z', 'pending', 1)`)
      db.exec(`INSERT INTO web_requests (id, kind, account_number, applicant_surname, applicant_first_name,
        submitted_at, state, version) VALUES (5, 'closure', '40000001', 'Орлова', 'Нина', '2026-11-01T09:00:00Z', 'new', 1)`)
      db.exec(`INSERT INTO web_questions (id, surname, first_name, subject, message, submitted_at, state, version)
        VALUES (9, 'Орлова', 'Нина', '=SUM(A1)', 'Вопрос', '2026-11-20T09:00:00Z', 'new', 1)`)
      const read = async (queue: 'registrations' | 'requests' | 'questions') => {
        const started = await t.call('exports.queue', { queue, format: 'csv' }, t.supervisorToken)
        expect(await t.call('exports.wait', { jobId: started.jobId }, t.supervisorToken)).toMatchObject({
          state: 'done',
        })
        const file = await t.app.exports.file(started.jobId, null)
        return parse(readFileSync(file!.path, 'utf8').slice(1), { delimiter: ';' }) as string[][]
      }
      expect((await read('registrations'))[1]).toEqual([
        '20.11.2026 12:00',
        '40000001',
        'Орлoва',
        'o@mail.ru',
        'фамилия совпадает',
        '',
      ])
      expect((await read('requests'))[1]!.slice(0, 6)).toEqual([
        '5',
        '01.11.2026 12:00',
        'закрытие',
        '40000001',
        'Орлова Нина',
        'новая',
      ])
      const questions = await read('questions')
      expect(questions[1]![0]).toBe('9')
      expect(questions[1]![3]).toBe("'=SUM(A1)")
      expect(
        (await t.refused('exports.queue', { queue: 'requests', format: 'csv' }, await t.tokenFor('clerk')))
          .code,
      ).toBe('FORBIDDEN')
    } finally {
      await t.dispose()
    }
  })
})
