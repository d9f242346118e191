import { execFileSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportProgress, ReportResult } from '@shared/contract'
import { aMeter, anAccount, insertAccounts, insertMeters, insertReadings } from '../support/account-builder'
import { buildTestApp, type TestApp } from '../support/test-app'

/**
 * The supervisors' reports over a real SQLite copy
 * (docs/business-rules.md#reports-exports-and-the-audit-trail): each report's figures from known data, its
 * filters, and its export read back.
 */
describe('reports', () => {
  let t: TestApp
  const run = (report: string, params: Record<string, unknown> = {}) =>
    t.call(
      'reports.run',
      { report: report as never, params: { period: '2026-10', ...params } },
      t.supervisorToken,
    ) as Promise<ReportResult>
  const section = (result: ReportResult, title: string) => result.sections.find((s) => s.title === title)!
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
      anAccount({ id: 1, number: '40000001', district: 'Гагаринский' }),
      anAccount({ id: 2, number: '40000002', district: 'Гагаринский' }),
      anAccount({ id: 3, number: '40000003', district: 'Ленинский' }),
      anAccount({ id: 4, number: '40000004', district: 'Ленинский' }),
      anAccount({ id: 5, number: '40000005', district: 'Ленинский', status: 'closed' }),
    ])
    insertMeters(
      db,
      [1, 2, 3, 4, 5].map((id) => aMeter({ id: 10 + id, accountId: id, serial: `ХВ-${id}` })),
    )
    insertReadings(db, 11, { '2026-09': 10, '2026-10': 12 }, 'web')
    insertReadings(db, 12, { '2026-10': 5 }, 'paper')
    insertReadings(db, 13, { '2026-09': 7 }, 'web')
    insertReadings(db, 14, { '2026-05': 3 }, 'phone')
    db.exec(`UPDATE readings SET late = 1 WHERE meter_id = 12 AND period = '2026-10'`)
    db.exec(`UPDATE readings SET flags = '["spike"]' WHERE meter_id = 11 AND period = '2026-10'`)
  })
  afterEach(() => t.dispose())

  it('counts coverage by district and source, with the trend over twelve periods', async () => {
    const result = await run('coverage')
    expect(result.title).toBe('Охват показаниями за октябрь 2026')
    expect(section(result, 'По районам').rows).toEqual([
      { district: 'Гагаринский', expected: 2, covered: 2, percent: 100 },
      { district: 'Ленинский', expected: 2, covered: 0, percent: 0 },
      { district: 'Всего', expected: 4, covered: 2, percent: 50 },
    ])
    expect(section(result, 'По источникам').rows).toEqual([
      { source: 'бумажный бланк', readings: 1, accounts: 1, percent: 25 },
      { source: 'личный кабинет', readings: 1, accounts: 1, percent: 25 },
    ])
    expect(result.chart!.kind).toBe('line')
    expect(result.chart!.labels).toHaveLength(12)
    expect(result.chart!.labels.at(-1)).toBe('октябрь 2026')
    expect(result.chart!.series[0]!.data.slice(-2)).toEqual([50, 50])
    // Narrowed to one district and one source.
    const narrowed = await run('coverage', { district: 'Гагаринский', source: 'web' })
    expect(narrowed.filters).toEqual([
      ['Период', 'октябрь 2026'],
      ['Район', 'Гагаринский'],
      ['Источник', 'личный кабинет'],
    ])
    expect(section(narrowed, 'По районам').rows.at(-1)).toEqual({
      district: 'Всего',
      expected: 2,
      covered: 1,
      percent: 50,
    })
  })

  it('lists late and flagged readings, and the silent accounts with how long they have been silent', async () => {
    const attention = await run('lateFlagged')
    expect(section(attention, 'Показания').rows.map((r) => [r.number, r.why])).toEqual([
      ['40000001', 'расход намного выше обычного'],
      ['40000002', 'поздно'],
    ])
    const silent = await run('silent')
    expect(section(silent, 'Без показаний').rows.map((r) => [r.number, r.periodsWithout, r.charge])).toEqual([
      ['40000004', 5, 'по нормативу'],
      ['40000003', 1, 'по среднему'],
    ])
    expect(silent.chart!.series[0]!.data).toEqual([1, 0, 0, 1, 0, 0, 0])
  })

  it('sums up registrations decided in the month: counts, hours to decision, rejections by reason', async () => {
    const db = t.app.local.sql
    const add =
      db.prepare(`INSERT INTO web_registrations (id, account_number, surname, email, submitted_at, state,
      decided_by, decided_at, reject_reason, version) VALUES (?, '40000001', 'Иванов', 'a@b.ru', ?, ?, 'chief', ?, ?, 1)`)
    add.run(1, '2026-10-01T09:00:00Z', 'confirmed', '2026-10-01T11:00:00Z', null)
    add.run(2, '2026-10-02T09:00:00Z', 'rejected', '2026-10-02T13:00:00Z', 'Фамилия не совпадает')
    add.run(3, '2026-10-03T09:00:00Z', 'rejected', '2026-10-03T10:00:00Z', 'Фамилия не совпадает')
    add.run(4, '2026-09-03T09:00:00Z', 'confirmed', '2026-09-30T20:59:00Z', null) // 30 Sept in Moscow: not October
    const result = await run('registrations')
    expect(section(result, 'Итоги').rows).toEqual([
      { metric: 'Решений всего', value: 3 },
      { metric: 'Подтверждено', value: 1 },
      { metric: 'Отклонено', value: 2 },
      { metric: 'Время до решения, медиана, ч', value: 2 },
      { metric: 'Время до решения, 90-й процентиль, ч', value: 4 },
    ])
    expect(section(result, 'Отказы по причинам').rows).toEqual([{ reason: 'Фамилия не совпадает', count: 2 }])
  })

  it('says how many questions were answered within their due date', async () => {
    const db = t.app.local.sql
    const question =
      db.prepare(`INSERT INTO web_questions (id, surname, first_name, subject, message, submitted_at,
      state, version) VALUES (?, 'Иванов', 'Иван', 'Тема', 'Вопрос', ?, ?, 1)`)
    const step = db.prepare(
      `INSERT INTO web_question_steps (question_id, to_state, at, version) VALUES (?, ?, ?, 1)`,
    )
    question.run(1, '2026-10-01T09:00:00Z', 'answered')
    step.run(1, 'new', '2026-10-01T09:00:00Z')
    step.run(1, 'answered', '2026-10-05T09:00:00Z') // 4 days: in time
    question.run(2, '2026-08-20T09:00:00Z', 'answered')
    step.run(2, 'new', '2026-08-20T09:00:00Z')
    step.run(2, 'answered', '2026-10-10T09:00:00Z') // 51 days: late
    question.run(3, '2026-10-20T09:00:00Z', 'new')
    step.run(3, 'new', '2026-10-20T09:00:00Z')
    const result = await run('requestsQuestions')
    expect(section(result, 'Обращения абонентов').rows).toEqual([
      { metric: 'Открыто сейчас', value: 1 },
      { metric: 'Просрочено сейчас', value: 0 },
      { metric: 'Отвечено за период', value: 2 },
      { metric: 'До ответа, медиана, дней', value: 4 },
      { metric: 'Отвечено в срок, %', value: 50 },
    ])
  })

  it('exports a report whole as XLSX and as a PDF with its filters, Cyrillic read back', async () => {
    const xlsx = await t.call(
      'reports.export',
      { report: 'coverage', params: { period: '2026-10', district: null, source: null }, format: 'xlsx' },
      t.supervisorToken,
    )
    await finished(xlsx.jobId)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await t.app.exports.file(xlsx.jobId, null))!.path)
    expect(book.worksheets.map((s) => s.name)).toEqual(['По районам', 'По источникам', 'По периодам'])
    const districts = book.getWorksheet('По районам')!
    expect(districts.getRow(4).values).toEqual([undefined, 'Всего', 4, 2, 50])
    expect(districts.getRow(4).getCell(4).numFmt).toBe('0.0')

    const pdf = await t.call(
      'reports.export',
      { report: 'silent', params: { period: '2026-10', district: 'Ленинский', source: null }, format: 'pdf' },
      t.supervisorToken,
    )
    await finished(pdf.jobId)
    const text = execFileSync(
      'pdftotext',
      ['-layout', (await t.app.exports.file(pdf.jobId, null))!.path, '-'],
      {
        encoding: 'utf8',
      },
    )
    expect(text).toContain('Лицевые счета без показаний за октябрь 2026')
    expect(text).toContain('Район: Ленинский')
    expect(text).toMatch(/40000004\s+Иванов Иван Иванович/)
    expect(text).toContain('по нормативу')
    expect(text).toContain('стр. 1 из 1')
  })

  it('keeps staff productivity to supervisors, and says it needs the central service', async () => {
    expect(
      (
        await t.refused(
          'reports.run',
          { report: 'staff', params: { period: '2026-10' } },
          await t.tokenFor('clerk'),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (await t.refused('reports.run', { report: 'staff', params: { period: '2026-10' } }, t.supervisorToken))
        .code,
    ).toBe('CENTRAL_SIGN_IN_NEEDED')
    expect(
      (
        await t.refused(
          'reports.run',
          { report: 'coverage', params: { period: '2026-10' } },
          await t.tokenFor('operator'),
        )
      ).code,
    ).toBe('FORBIDDEN')
  })
})
