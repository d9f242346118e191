import { describe, expect, it } from 'vitest'
import { staffChangeRefusal } from '@shared/domain/staff-changes'

/** Who may change whose role or account (docs/business-rules.md#staff-consoles-and-the-central-service). */
describe('changing a staff member', () => {
  const clerk = { login: 'clerk1', role: 'clerk', active: true } as const
  const chief = { login: 'chief', role: 'supervisor', active: true } as const

  it('lets a supervisor rename, promote, switch off and back on another person', () => {
    expect(staffChangeRefusal('chief', clerk, { role: 'supervisor', active: true }, 1)).toBe(null)
    expect(staffChangeRefusal('chief', clerk, { role: 'clerk', active: false }, 1)).toBe(null)
    expect(staffChangeRefusal('chief', { ...clerk, active: false }, { role: 'clerk', active: true }, 1)).toBe(
      null,
    )
  })

  it('never lets a person switch themselves off or change their own role; a name they may', () => {
    expect(staffChangeRefusal('chief', chief, { role: 'supervisor', active: false }, 3)).toBe(
      'CANNOT_DEACTIVATE_SELF',
    )
    expect(staffChangeRefusal('chief', chief, { role: 'clerk', active: true }, 3)).toBe(
      'CANNOT_CHANGE_OWN_ROLE',
    )
    expect(staffChangeRefusal('chief', chief, { role: 'supervisor', active: true }, 0)).toBe(null)
  })

  it('keeps one active supervisor: the last one is neither demoted nor switched off', () => {
    const deputy = { login: 'deputy', role: 'supervisor', active: true } as const
    expect(staffChangeRefusal('chief', deputy, { role: 'clerk', active: true }, 0)).toBe('LAST_SUPERVISOR')
    expect(staffChangeRefusal('chief', deputy, { role: 'supervisor', active: false }, 0)).toBe(
      'LAST_SUPERVISOR',
    )
    expect(staffChangeRefusal('chief', deputy, { role: 'clerk', active: true }, 1)).toBe(null)
  })
})
