import { questionDueUpkeep } from '../modules/questions/question-due-upkeep'
import { toPortalState } from '@shared/domain/requests/portal-states'
import type BetterSqlite3 from 'better-sqlite3'
import { pauseCoverageUpkeep, resumeCoverageUpkeep } from '../db/local/reading-coverage'
import { demoAccounts, type DemoOptions } from './demo-accounts'

export interface SeedProgress {
  accounts: number
  readings: number
}

const BATCH = 2_000

/**
 * Writes demo accounts into the local database in batches of one transaction each: fast, and an
 * interrupted run leaves whole accounts only. Refuses a database that already has accounts.
 */
export function seedLocalDatabase(
  db: BetterSqlite3.Database,
  options: DemoOptions,
  onProgress: (progress: SeedProgress) => void = () => undefined,
): SeedProgress {
  const existing = (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n
  if (existing > 0)
    throw new Error(
      `В базе уже есть лицевые счета (${existing}); демо-данные добавляются только в пустую базу.`,
    )

  const insert = {
    account:
      db.prepare(`INSERT INTO accounts (id, number, eirc_number, surname, first_name, patronymic, district, street,
      house, building, apartment, phone, email, house_type, status, opened_on, closed_on, version, updated_at)
      VALUES (@id, @number, @eircNumber, @surname, @firstName, @patronymic, @district, @street, @house, @building,
      @apartment, @phone, @email, @houseType, @status, @openedOn, @closedOn, @version, @updatedAt)`),
    owner:
      db.prepare(`INSERT INTO owner_history (account_id, surname, first_name, patronymic, owned_from, owned_to)
      VALUES (@accountId, @surname, @firstName, @patronymic, @ownedFrom, @ownedTo)`),
    meter:
      db.prepare(`INSERT INTO meters (id, account_id, serial, place, installed_on, verification_due, digits, status,
      removed_on) VALUES (@id, @accountId, @serial, @place, @installedOn, @verificationDue, @digits, @status, @removedOn)`),
    reading:
      db.prepare(`INSERT INTO readings (meter_id, period, value_milli, received_at, source, late, flags, entered_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    charge: db.prepare(
      `INSERT INTO charges (account_id, period, service, amount_kopecks) VALUES (?, ?, ?, ?)`,
    ),
    payment: db.prepare(
      `INSERT INTO payments (account_id, paid_on, amount_kopecks, channel) VALUES (?, ?, ?, ?)`,
    ),
    // Requests as the website or the counter would have filed them (the same table sync fills).
    request:
      db.prepare(`INSERT INTO web_requests (kind, account_number, applicant_surname, applicant_first_name,
      new_owner_surname, new_owner_first_name, effective_on, submitted_at, state, channel, version)
      VALUES (@kind, @accountNumber, @surname, @firstName, @newOwnerSurname, @newOwnerFirstName, @effectiveOn,
      @filedAt, @state, @channel, 1)`),
    // Questions in the inbox's own table, linked to the account as the central database links them.
    question:
      db.prepare(`INSERT INTO web_questions (surname, first_name, patronymic, email, phone, account_number, linked_account,
      subject, message, channel, reply_by, state, submitted_at, answered_at, version) VALUES (@surname, @firstName,
      @patronymic, @email, @phone, @accountNumber, @accountNumber, @subject, @message, @channel, @replyBy, @state,
      @submittedAt, @answeredAt, 1)`),
    cabinet: db.prepare(`INSERT INTO cabinets (account_id, email, state, updated_at) VALUES (?, ?, ?, ?)`),
  }
  const progress: SeedProgress = { accounts: 0, readings: 0 }
  const accounts = demoAccounts(options)

  const writeBatch = db.transaction(() => {
    for (let n = 0; n < BATCH; n++) {
      const next = accounts.next()
      if (next.done) return false
      const demo = next.value
      insert.account.run(demo.account)
      for (const owner of demo.owners) insert.owner.run(owner)
      for (const meter of demo.meters) insert.meter.run(meter)
      for (const r of demo.readings)
        insert.reading.run(
          r.meterId,
          r.period,
          r.valueMilli,
          r.receivedAt,
          r.source,
          r.late ? 1 : 0,
          r.flags,
          r.enteredBy,
        )
      for (const c of demo.charges) insert.charge.run(c.accountId, c.period, c.service, c.amountKopecks)
      for (const p of demo.payments) insert.payment.run(p.accountId, p.paidOn, p.amountKopecks, p.channel)
      for (const request of demo.requests) {
        const reRegistration = request.kind === 'reRegistration'
        insert.request.run({
          kind: reRegistration ? 'reRegistration' : 'closure',
          accountNumber: demo.account.number,
          surname: demo.account.surname,
          firstName: demo.account.firstName,
          newOwnerSurname: reRegistration ? 'Новикова' : null,
          newOwnerFirstName: reRegistration ? 'Елена' : null,
          effectiveOn: reRegistration ? request.filedAt.slice(0, 10) : null,
          filedAt: request.filedAt,
          state: toPortalState(request.state),
          channel: request.channel,
        })
      }
      for (const question of demo.questions)
        insert.question.run({ ...question, replyBy: question.email ? 'email' : 'phone' })
      if (demo.cabinet)
        insert.cabinet.run(demo.account.id, demo.cabinet.email, demo.cabinet.state, demo.account.updatedAt)
      progress.accounts += 1
      progress.readings += demo.readings.length
    }
    return true
  })

  // Millions of demo readings are counted once at the end, as the initial copy counts them.
  pauseCoverageUpkeep(db)
  try {
    while (writeBatch()) onProgress({ ...progress })
  } finally {
    db.transaction(() => resumeCoverageUpkeep(db))()
  }
  questionDueUpkeep(db).refreshOpen(new Date())
  onProgress({ ...progress })
  return progress
}
