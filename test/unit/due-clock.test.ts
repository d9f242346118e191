import { describe, expect, it } from 'vitest'
import { daysOf, dueClock } from '../../shared/domain/work-items/due-clock'

/** The work items' one due clock (docs/business-rules.md#closure-and-re-registration-requests). */
describe('the due clock of work items', () => {
  it('counts calendar days across 29 February and a year end', () => {
    expect(dueClock([{ on: '2028-02-27', stops: false }], 3, '2028-02-27', 'calendarDays', 1).dueOn).toBe(
      '2028-03-01',
    )
    expect(dueClock([{ on: '2026-12-30', stops: false }], 3, '2026-12-30', 'calendarDays', 1).dueOn).toBe(
      '2027-01-02',
    )
  })

  it('counts working days past the New Year holidays and the decree day off', () => {
    // 31 December 2026 is off by decree; 1–8 January are holidays; 9 January 2027 is a Saturday.
    const due = dueClock([{ on: '2026-12-30', stops: false }], 2, '2026-12-30', 'workingDays', 1)
    expect(due.dueOn).toBe('2027-01-12')
  })

  it('stands still from a stopping step to the next that runs, and while stopped today', () => {
    const steps = [
      { on: '2026-11-02', stops: false },
      { on: '2026-11-04', stops: true },
      { on: '2026-11-09', stops: false },
    ]
    const due = dueClock(steps, 10, '2026-11-10', 'calendarDays', 3)
    expect(due).toMatchObject({ dueOn: '2026-11-17', paused: false, pausedDays: 5, status: 'onTime' })
    const stopped = dueClock(steps.slice(0, 2), 10, '2026-11-06', 'calendarDays', 3)
    expect(stopped).toMatchObject({ paused: true, pausedDays: 2, status: 'paused', dueOn: '2026-11-14' })
  })

  it('never lets a step dated before the stop move the date back', () => {
    const due = dueClock(
      [
        { on: '2026-11-02', stops: false },
        { on: '2026-11-05', stops: true },
        { on: '2026-11-04', stops: false },
      ],
      10,
      '2026-11-06',
      'calendarDays',
      3,
    )
    expect(due.dueOn).toBe('2026-11-12')
  })

  it('is overdue the day after its date, amber within the soon days, by the policy', () => {
    const arrived = [{ on: '2026-11-02', stops: false }]
    expect(dueClock(arrived, 10, '2026-11-13', 'calendarDays', 3).status).toBe('overdue')
    expect(dueClock(arrived, 10, '2026-11-12', 'calendarDays', 3).status).toBe('dueSoon')
    expect(dueClock(arrived, 10, '2026-11-08', 'calendarDays', 3).status).toBe('onTime')
    expect(daysOf('workingDays', '2026-11-16', '2026-11-13')).toBe(-1)
  })
})
