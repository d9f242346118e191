import { describe, expect, it } from 'vitest'
import { dueStatus, requestDue, visitDue } from '@shared/domain/requests/request-due'
import { canMove, isFinal, stepNeedsReason } from '@shared/domain/requests/request-states'
import { missingDocuments } from '@shared/domain/requests/required-documents'
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '@shared/domain/work-items/working-days'

/** A kind that never sends an inspector (closure, re-registration), and one that may. */
const PLAIN = { inspectorVisit: false }
const VISITED = { inspectorVisit: true }

describe('the steps of a request', () => {
  it('moves only along the steps docs/business-rules.md#closure-and-re-registration-requests lists', () => {
    expect(canMove('new', 'in_review', PLAIN)).toBe(true)
    expect(canMove('in_review', 'awaiting_documents', PLAIN)).toBe(true)
    expect(canMove('awaiting_documents', 'in_review', PLAIN)).toBe(true)
    expect(canMove('in_review', 'approved', PLAIN)).toBe(true)
    expect(canMove('approved', 'completed', PLAIN)).toBe(true)
    expect(canMove('new', 'completed', PLAIN)).toBe(false)
    expect(canMove('awaiting_documents', 'approved', PLAIN)).toBe(false)
    expect(canMove('rejected', 'in_review', PLAIN)).toBe(false)
    expect(isFinal('completed') && isFinal('rejected')).toBe(true)
  })

  it('sends an inspector only on a kind that may, and carries on from the visit', () => {
    expect(canMove('in_review', 'awaiting_visit', PLAIN)).toBe(false)
    expect(canMove('in_review', 'awaiting_visit', VISITED)).toBe(true)
    expect(canMove('awaiting_visit', 'approved', VISITED)).toBe(true)
    expect(canMove('awaiting_visit', 'in_review', VISITED)).toBe(true)
    expect(canMove('awaiting_visit', 'completed', VISITED)).toBe(false)
    expect(stepNeedsReason('in_review', 'awaiting_visit')).toBe(true)
  })

  it('asks why for a refusal, for documents asked for and for an approval taken back', () => {
    expect(stepNeedsReason('in_review', 'rejected')).toBe(true)
    expect(stepNeedsReason('in_review', 'awaiting_documents')).toBe(true)
    expect(stepNeedsReason('approved', 'in_review')).toBe(true)
    expect(stepNeedsReason('new', 'in_review')).toBe(false)
    expect(stepNeedsReason('approved', 'completed')).toBe(false)
  })

  it('names the documents still missing, per kind', () => {
    expect(
      missingDocuments('closure', [{ document: 'applicantPassport', verdict: 'valid', note: null }]),
    ).toEqual(['rightEnded', 'finalReadings'])
    expect(
      missingDocuments('reRegistration', [
        { document: 'newOwnerPassport', verdict: 'valid', note: null },
        { document: 'ownership', verdict: 'valid', note: null },
      ]),
    ).toBeNull()
  })
})

describe('working days and due dates', () => {
  it('skips weekends, federal holidays and the days moved by decree', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true) // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-04')).toBe(false) // Unity Day, a Wednesday
    expect(isWorkingDay('2026-01-09')).toBe(false) // moved from Saturday 3 January
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30')
    expect(addWorkingDays('2026-11-02', 3)).toBe('2026-11-06') // across 4 November
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1)
  })

  it('counts whole calendars the same as walking them with dates, across years and month ends', () => {
    // A year's weekdays: Monday 2024-01-01 … ; 2024 is a leap year.
    const weekdays = (from: string, to: string) => {
      let count = 0
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d <= new Date(`${to}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      )
        if (isWorkingDay(d.toISOString().slice(0, 10))) count++
      return count
    }
    expect(workingDaysBetween('2023-12-31', '2024-12-31')).toBe(weekdays('2024-01-01', '2024-12-31'))
    expect(isWorkingDay('2024-02-29')).toBe(true) // Thursday
    expect(isWorkingDay('2027-01-01')).toBe(false)
    expect(addWorkingDays('2026-12-30', 1)).toBe('2027-01-11') // 31 December by decree, then the holidays
    for (const start of ['2026-02-27', '2026-04-30', '2026-06-11', '2026-12-25'])
      expect(workingDaysBetween(start, addWorkingDays(start, 15))).toBe(15)
  })

  it('is due 10 working days after arrival', () => {
    const due = requestDue([{ state: 'new', on: '2026-11-02' }], 10, '2026-11-05')
    expect(due).toEqual({ dueOn: '2026-11-17', paused: false, pausedDays: 0 })
    expect(dueStatus(due, '2026-11-05')).toBe('onTime')
    expect(dueStatus(due, '2026-11-16')).toBe('dueSoon')
    expect(dueStatus(due, '2026-11-18')).toBe('overdue')
  })

  it('stands still while the subscriber owes documents, and runs on when they come', () => {
    const steps = [
      { state: 'new' as const, on: '2026-11-02' },
      { state: 'in_review' as const, on: '2026-11-03' },
      { state: 'awaiting_documents' as const, on: '2026-11-05' },
    ]
    const waiting = requestDue(steps, 10, '2026-11-12')
    expect(waiting.paused).toBe(true)
    expect(dueStatus(waiting, '2026-12-31')).toBe('paused')
    // Five working days waiting (6, 9, 10, 11, 12 November): due five working days later.
    const resumed = requestDue([...steps, { state: 'in_review', on: '2026-11-12' }], 10, '2026-11-13')
    expect(resumed).toEqual({ dueOn: '2026-11-24', paused: false, pausedDays: 5 })
  })
})

describe("an inspector's visit", () => {
  it('is due 5 working days after the step, over a weekend and the New Year holidays', () => {
    // Thursday 3 December 2026 → Thursday 10 December.
    expect(
      visitDue([
        { state: 'new', on: '2026-12-01' },
        { state: 'awaiting_visit', on: '2026-12-03' },
      ]),
    ).toBe('2026-12-10')
    // Tuesday 29 December 2026: 30 December, then (31 December and 1–8 January off) 11–14 January.
    expect(visitDue([{ state: 'awaiting_visit', on: '2026-12-29' }])).toBe('2027-01-14')
  })
  it('has no due date once the request has left the state', () => {
    expect(
      visitDue([
        { state: 'awaiting_visit', on: '2026-12-03' },
        { state: 'in_review', on: '2026-12-04' },
      ]),
    ).toBeNull()
  })
  it("leaves the request's own clock running meanwhile", () => {
    const steps = [
      { state: 'new' as const, on: '2026-12-01' },
      { state: 'awaiting_visit' as const, on: '2026-12-02' },
    ]
    expect(requestDue(steps, 10, '2026-12-10')).toMatchObject({ paused: false, pausedDays: 0 })
  })
})
