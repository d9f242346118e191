import { describe, expect, it } from 'vitest'
import {
  capitaliseName,
  completionDateBounds,
  completionDateProblem,
  namePartProblem,
} from '@shared/domain/requests/completion-rules'
import { metersWithoutFinalReading } from '@shared/domain/requests/final-readings'
import { MAX_SCAN_BYTES, scanProblem, sniffScanType } from '@shared/domain/requests/scan-files'
import type { RequestDetail } from '@shared/contract'
import { decisionText } from '../../src-main/modules/requests/decision/decision-text'

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34])
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0])
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00])

describe('completing a request: the rules a clerk types against', () => {
  it('takes a date up to a month back and three months ahead, nothing further', () => {
    expect(completionDateProblem('2026-11-30', '2026-11-30')).toBeNull()
    expect(completionDateProblem('2026-10-30', '2026-11-30')).toBeNull()
    expect(completionDateProblem('2026-10-29', '2026-11-30')).toBe('tooFarBack')
    expect(completionDateProblem('2027-03-02', '2026-11-30')).toBeNull()
    expect(completionDateProblem('2027-03-03', '2026-11-30')).toBe('tooFarAhead')
    expect(completionDateProblem('2026-02-30', '2026-11-30')).toBe('notADate')
    expect(completionDateProblem('30.11.2026', '2026-11-30')).toBe('notADate')
    expect(completionDateBounds('2026-11-30')).toEqual({ min: '2026-10-30', max: '2027-03-02' })
  })

  it('reads names as registers write them, and writes them capitalised', () => {
    expect(namePartProblem('Салтыков-Щедрин', true)).toBeNull()
    expect(namePartProblem("Д'Артаньян", true)).toBeNull()
    expect(namePartProblem('Оглы Мамедов', true)).toBeNull()
    expect(namePartProblem('  ', true)).toBe('required')
    expect(namePartProblem('', false)).toBeNull()
    expect(namePartProblem('Иванов1', true)).toBe('notAName')
    expect(namePartProblem('-Иванов', true)).toBe('notAName')
    expect(namePartProblem('а'.repeat(101), true)).toBe('tooLong')
    expect(capitaliseName('  иванов-петров ')).toBe('Иванов-Петров')
    expect(capitaliseName('ЁЛКИНА')).toBe('Ёлкина')
  })

  describe('final readings', () => {
    const meter = (lastReceivedAt: string | null) => [{ serial: 'ХВ-1', lastReceivedAt }]
    // Filed at 23:59 on 2 December, Moscow time.
    const filed = '2026-12-02T20:59:00.000Z'

    it('counts a reading from the Moscow day seven days before the filing as final, whatever the hour', () => {
      expect(metersWithoutFinalReading(meter('2026-11-24T21:00:00.000Z'), filed)).toEqual([])
      expect(metersWithoutFinalReading(meter('2026-11-24T20:59:59.000Z'), filed)).toEqual(['ХВ-1'])
    })

    it('counts a reading received after the filing, and none at all as missing', () => {
      expect(metersWithoutFinalReading(meter('2026-12-02T21:00:00.000Z'), filed)).toEqual([])
      expect(metersWithoutFinalReading(meter(null), filed)).toEqual(['ХВ-1'])
    })

    it('reaches back over a year end and 29 February by calendar days', () => {
      expect(
        metersWithoutFinalReading(meter('2026-12-31T21:00:00.000Z'), '2027-01-07T21:00:00.000Z'),
      ).toEqual([])
      expect(
        metersWithoutFinalReading(meter('2027-12-31T20:00:00.000Z'), '2028-01-07T21:00:00.000Z'),
      ).toEqual(['ХВ-1'])
      expect(
        metersWithoutFinalReading(meter('2028-02-28T21:00:00.000Z'), '2028-03-07T12:00:00.000Z'),
      ).toEqual([])
      expect(
        metersWithoutFinalReading(meter('2028-02-28T20:00:00.000Z'), '2028-03-07T12:00:00.000Z'),
      ).toEqual(['ХВ-1'])
    })
  })

  it('takes PDF, JPEG and PNG by their first bytes, up to 20 MiB each', () => {
    expect([PDF, JPEG, PNG, EXE].map(sniffScanType)).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
      null,
    ])
    const file = (fileName: string, head: Uint8Array, sizeBytes = 1000) => ({ fileName, head, sizeBytes })
    expect(scanProblem([file('скан.pdf', PDF), file('паспорт.jpg', JPEG)])).toBeNull()
    expect(scanProblem([file('договор.pdf', EXE)])).toEqual({
      problem: 'scanWrongType',
      fileName: 'договор.pdf',
    })
    expect(scanProblem([file('большой.pdf', PDF, MAX_SCAN_BYTES + 1)])).toEqual({
      problem: 'scanTooLarge',
      fileName: 'большой.pdf',
    })
    expect(scanProblem([file('пустой.png', PNG, 0)])).toMatchObject({ problem: 'scanEmpty' })
    expect(scanProblem(Array.from({ length: 7 }, (_, i) => file(`${i}.pdf`, PDF)))).toMatchObject({
      problem: 'scansTooMany',
    })
    expect(
      scanProblem(Array.from({ length: 3 }, (_, i) => file(`${i}.pdf`, PDF, MAX_SCAN_BYTES))),
    ).toMatchObject({
      problem: 'scansTooLarge',
    })
  })
})

describe('the decision a subscriber receives', () => {
  const request = (over: Partial<RequestDetail>): RequestDetail => ({
    id: 7,
    kind: 'closure',
    channel: 'web',
    accountNumber: '40000001',
    applicant: 'Орлова Нина',
    submittedAt: '2026-11-20T09:00:00.000Z',
    state: 'completed',
    dueOn: '2026-12-04',
    visitDueOn: null,
    due: 'closed',
    heldBy: null,
    mine: false,
    steps: [],
    accountId: 1,
    email: null,
    phone: null,
    comment: null,
    newOwner: null,
    effectiveOn: null,
    completedOn: '2026-11-30',
    details: null,
    documents: [],
    checklist: [],
    finalReadings: [],
    balanceKopecks: -84250,
    ...over,
  })
  const facts = {
    address: 'ул. Ленина, д. 1',
    ownerName: 'Орлова Нина',
    newOwnerName: null,
    decidedBy: 'Петров Пётр',
    decidedByPosition: 'Специалист абонентского отдела',
    decidedOn: '2026-11-30',
    reason: null,
    finalReadings: [],
  }

  it('states a private house’s debt and that it is paid through EIRC, naming the request, not “the owner”', () => {
    const text = decisionText({ ...facts, request: request({}) })
    expect(text.title).toBe('Уведомление о закрытии лицевого счёта')
    expect(text.paragraphs[0]).toMatch(/^По заявке № \d+ лицевой счёт № 40000001 закрыт с 30\.11\.2026\./)
    expect(text.paragraphs.join(' ')).toMatch(
      /задолженность 842,50 руб\. Её необходимо оплатить через ГУП «ЕИРЦ»/,
    )
    // An overpayment is stated, with how to have it back; a settled account says so.
    expect(
      decisionText({ ...facts, request: request({ balanceKopecks: 123450 }) }).paragraphs.join(' '),
    ).toMatch(/переплата 1\s234,50 руб\. Её можно вернуть по письменному заявлению в абонентском отделе/)
    expect(
      decisionText({ ...facts, request: request({ balanceKopecks: 0 }) }).paragraphs.join(' '),
    ).toContain('Задолженности и переплаты по счёту нет.')
  })

  it('is an outgoing letter: registered number and date, the signer’s position and name', () => {
    const text = decisionText({ ...facts, request: request({}) })
    expect(text.outgoing).toMatch(/^Исх\. № АО-\d+ от 30\.11\.2026$/)
    expect(text.signer).toEqual({ position: 'Специалист абонентского отдела', name: 'Петров Пётр' })
  })

  it('names the new owner as saved (not as the website sent it), in Russian that needs no declension', () => {
    const reRegistered = decisionText({
      ...facts,
      newOwnerName: 'Кравченко-Белая Мария Олеговна',
      request: request({
        kind: 'reRegistration',
        newOwner: { surname: 'Кравченко', firstName: 'Мария', patronymic: null },
      }),
    })
    expect(reRegistered.title).toBe('Уведомление о переоформлении лицевого счёта')
    expect(reRegistered.facts).toContainEqual(['Новый владелец', 'Кравченко-Белая Мария Олеговна'])
    expect(reRegistered.paragraphs[0]).toBe(
      'Лицевой счёт № 40000001 переоформлен с 30.11.2026. Новый владелец: Кравченко-Белая Мария Олеговна. ' +
        'Номер счёта не меняется.',
    )
    expect(JSON.stringify(reRegistered)).not.toContain('Кравченко Мария')
    expect(reRegistered.facts).toContainEqual(['Прежний владелец', 'Орлова Нина'])
    const refused = decisionText({
      ...facts,
      reason: 'Заявитель не владелец',
      request: request({ state: 'rejected' }),
    })
    expect(refused.title).toBe('Уведомление об отказе')
    expect(refused.paragraphs).toContain('Причина: Заявитель не владелец.')
  })
})
