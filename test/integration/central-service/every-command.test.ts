import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { centralCommands, type CentralCommandName } from '@shared/central/commands'
import { ROLES, type Role } from '@shared/contract'
import { ownCentralClient, resetCentral, useCentralService } from '../../support/central-service'
import { pushedCommand } from '../../support/person-proof'
import { buildTestApp, type TestApp } from '../../support/test-app'

const central = useCentralService()
const NAMES = Object.keys(centralCommands) as CentralCommandName[]

/**
 * Every synced command, whatever its own rule (docs/central-service.md#one-rule-on-both-sides): signed
 * by a real person whose central role its definition does not allow, the service refuses it and the
 * central audit records the refusal; and each command has its row in the table of rules.
 */
describe('every synced command', () => {
  let console_: TestApp
  let client: ReturnType<typeof ownCentralClient>
  const people = new Map<Role, string>()

  beforeAll(async () => {
    await resetCentral(central)
    console_ = await buildTestApp({ central: { service: central } })
    for (const role of ROLES)
      people.set(role, role === 'supervisor' ? 'chief' : (await console_.staffMember(role)).login)
    client = ownCentralClient(console_, { url: central.serviceUrl, caPem: central.caPem })
  })
  afterAll(async () => {
    client.close()
    await console_.dispose()
  })

  it('has its row in the documented table of rules', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../../docs/central-service.md'), 'utf8')
    const table = docs.slice(docs.indexOf('### One rule on both sides'), docs.indexOf('### Pushes in order'))
    expect(NAMES.filter((name) => !table.includes(`\`${name}\``))).toEqual([])
  })

  for (const name of NAMES) {
    const { authors } = centralCommands[name]
    const outsider = Array.isArray(authors) ? ROLES.find((role) => !authors.includes(role)) : undefined
    const expected = authors === 'never' ? 'FIRST_RUN_LOCAL_ONLY' : 'FORBIDDEN'
    if (authors === 'console' || (Array.isArray(authors) && !outsider)) continue
    it(`${name}: refused from a person its roles do not include, and audited`, async () => {
      const author = people.get(outsider ?? 'supervisor')!
      const command = await pushedCommand(console_.app, {
        name,
        payload: {},
        author,
        madeAt: console_.clock.now(),
        signedBy: { login: author },
      })
      const [outcome] = (await client.push([command])).outcomes
      expect(outcome).toMatchObject({ outcome: 'refused', detail: { code: expected } })
      const { rows } = await central.pool.query(
        `SELECT detail->>'outcome' AS outcome, detail->'refusal'->>'code' AS code FROM central_audit WHERE command_id = $1`,
        [command.commandId],
      )
      expect(rows).toEqual([{ outcome: 'refused', code: expected }])
    })
  }
})
