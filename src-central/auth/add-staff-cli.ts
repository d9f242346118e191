import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { ROLES, type Role } from '@shared/contract'
import { isCommonPassword } from '@shared/domain/common-passwords'
import { passwordProblem } from '@shared/domain/password-policy'
import { PasswordHasher } from '../../src-main/modules/staff/password-hash'
import { appendAudit } from '../audit/audit-trail'

/**
 * `npm run central:add-staff -- --db URL --login chief --name "Иванова Марина Петровна" --role supervisor`:
 * how the utility's IT makes the first supervisor of a new central database (afterwards supervisors
 * make staff from their consoles). The password is read from standard input, never from the command
 * line. An existing login is refused, as everywhere.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'supervisor' },
  },
})
const url = values.db ?? process.env.CENTRAL_DATABASE_URL
const role = values.role as Role
if (!url || !values.login || !values.name || !ROLES.includes(role)) {
  console.error(
    'Использование: npm run central:add-staff -- --db postgres://… --login ЛОГИН --name "ФИО" [--role supervisor|clerk|operator]',
  )
  process.exit(2)
}
const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: false })
process.stderr.write('Пароль: ')
const password = (await lines[Symbol.asyncIterator]().next()).value as string | undefined
lines.close()
if (!password || passwordProblem(password, password, values.login) || isCommonPassword(password)) {
  console.error('Пароль не подходит: не короче 8 символов, без логина и не из списка распространённых.')
  process.exit(2)
}
const client = new pg.Client({ connectionString: url })
await client.connect()
try {
  await client.query('BEGIN')
  const { rowCount } = await client.query(
    `INSERT INTO staff (login, full_name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (login) DO NOTHING`,
    [values.login, values.name, role, await new PasswordHasher().hash(password)],
  )
  if (!rowCount) {
    await client.query('ROLLBACK')
    console.error(`Логин «${values.login}» уже занят.`)
    process.exitCode = 1
  } else {
    await appendAudit(client, [
      {
        action: 'staff.addedByAdministrator',
        staffLogin: values.login,
        consoleId: null,
        detail: { role, fullName: values.name },
      },
    ])
    await client.query('COMMIT')
    console.log(`Сотрудник «${values.login}» (${role}) создан в центральной базе.`)
  }
} finally {
  await client.end()
}
