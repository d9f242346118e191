import { periodIndex, shiftPeriod, type Period } from '@shared/domain/period'
import type { RequestKind } from '@shared/domain/requests/kinds'
import type { RequestState } from '@shared/domain/requests/request-states'
import type {
  AccountRow,
  ChargeRow,
  MeterRow,
  OwnerHistoryRow,
  PaymentRow,
  ReadingRow,
} from '../db/local/account-rows'
import { SeededRandom } from './random'
import {
  DISTRICTS,
  FEMALE_NAMES,
  feminineSurname,
  MALE_NAMES,
  METER_PLACES_FLAT,
  METER_PLACES_HOUSE,
  PATRONYMICS,
  STREETS_BY_DISTRICT,
  SURNAMES,
} from './sevastopol'

/** A request as the website or the counter would have filed it (seeded into the website's table). */
export interface DemoRequest {
  accountId: number
  kind: RequestKind
  state: RequestState
  channel: 'web' | 'office'
  filedAt: string
  updatedAt: string
}

export interface DemoAccount {
  account: AccountRow
  owners: Omit<OwnerHistoryRow, 'id'>[]
  meters: MeterRow[]
  readings: Omit<ReadingRow, 'id' | 'overriddenBy' | 'overrideReason'>[]
  charges: Omit<ChargeRow, 'id'>[]
  payments: Omit<PaymentRow, 'id'>[]
  cabinet: { email: string; state: 'active' | 'pending' } | null
  requests: DemoRequest[]
  /** Questions as the website or a phone call would have left them (the inbox's own table). */
  questions: DemoQuestion[]
}

export interface DemoOptions {
  count: number
  seed: number
  /** The last period with readings; fixed, so the data do not depend on the day they are made. */
  untilPeriod: Period
  months: number
}

const STREETS = DISTRICTS.flatMap((district) =>
  STREETS_BY_DISTRICT[district]!.map((street) => ({ district, street })),
)
const FLATS_PER_HOUSE = 120
const HOUSES_PER_STREET = 80
/** A street of private houses runs to about 150; past that, lettered houses ("45Б") fill the gaps. */
const PRIVATE_HOUSES_PER_STREET = 150
const HOUSE_LETTERS = 'АБВГДЕЖИКЛМНПРСТУФХЦЧШЭЮЯ'
/** Sevastopol's 2026 tariffs are near these, in kopecks per cubic metre. */
const WATER_TARIFF = 5678
const SEWERAGE_TARIFF = 4510
const PAYMENT_CHANNELS = ['касса ЕИРЦ', 'Сбербанк Онлайн', 'РНКБ', 'Почта России']

/**
 * Demo accounts, one at a time, so that 300,000 of them never sit in memory together. Each account
 * is a pure function of the seed and its index: the same seed makes the same city.
 */
export function* demoAccounts(options: DemoOptions): Generator<DemoAccount> {
  let flats = 0
  let houses = 0
  let meterId = 0
  for (let index = 0; index < options.count; index++) {
    const random = new SeededRandom(hash(options.seed, index))
    const isPrivate = random.chance(0.25)
    const slot = isPrivate ? houses++ : flats++
    const demo = buildAccount(random, index, slot, isPrivate, options)
    demo.meters = buildMeters(random, demo.account, () => ++meterId, options)
    demo.readings = buildReadings(random, demo.account, demo.meters, options)
    if (isPrivate) Object.assign(demo, buildBilling(random, demo.account, demo.meters, demo.readings))
    buildRequestsAndQuestions(random, demo, options)
    yield demo
  }
}

function buildAccount(
  random: SeededRandom,
  index: number,
  slot: number,
  isPrivate: boolean,
  options: DemoOptions,
): DemoAccount {
  const female = random.chance(0.55)
  const baseSurname = random.pick(SURNAMES)
  const surname = female ? feminineSurname(baseSurname) : baseSurname
  const firstName = random.pick(female ? FEMALE_NAMES : MALE_NAMES)
  const patronymic = random.chance(0.97) ? random.pick(PATRONYMICS)[female ? 1 : 0] : null
  const address = isPrivate ? privateAddress(slot) : flatAddress(slot)
  const closed = random.chance(0.015)
  const openedOn = `${random.int(2005, 2021)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`
  const hasEmail = random.chance(0.45)
  const email = hasEmail
    ? `${translit(surname)}.${translit(firstName).slice(0, 1)}${random.int(1, 999)}@${random.pick(['mail.ru', 'yandex.ru', 'gmail.com', 'rambler.ru'])}`
    : null
  const account: AccountRow = {
    id: index + 1,
    number: String(40_000_001 + index),
    // A different numbering on purpose: EIRC's numbers must never be mistaken for Vodokanal's.
    eircNumber: `9201${String((index * 48_271 + 12_345) % 100_000_000).padStart(8, '0')}`,
    surname,
    firstName,
    patronymic,
    ...address,
    phone: random.chance(0.85)
      ? `+7 978 ${random.int(100, 999)}-${pad(random.int(0, 99))}-${pad(random.int(0, 99))}`
      : null,
    email,
    houseType: isPrivate ? 'private' : 'mkd',
    status: closed ? 'closed' : 'active',
    openedOn,
    closedOn: closed ? `${shiftPeriod(options.untilPeriod, -random.int(1, 10))}-15` : null,
    version: 1,
    updatedAt: `${options.untilPeriod}-01T00:00:00.000Z`,
  }
  const owners: DemoAccount['owners'] = [
    { accountId: account.id, surname, firstName, patronymic, ownedFrom: openedOn, ownedTo: null },
  ]
  if (random.chance(0.12)) {
    const previousFrom = `${random.int(1995, 2004)}-${pad(random.int(1, 12))}-01`
    const previousMale = random.chance(0.5)
    owners.unshift({
      accountId: account.id,
      surname: previousMale ? random.pick(SURNAMES) : feminineSurname(random.pick(SURNAMES)),
      firstName: random.pick(previousMale ? MALE_NAMES : FEMALE_NAMES),
      patronymic: random.pick(PATRONYMICS)[previousMale ? 0 : 1],
      ownedFrom: previousFrom,
      ownedTo: openedOn,
    })
  }
  const cabinet =
    email && !closed && random.chance(0.6)
      ? { email, state: random.chance(0.93) ? ('active' as const) : ('pending' as const) }
      : null
  return {
    account,
    owners,
    meters: [],
    readings: [],
    charges: [],
    payments: [],
    cabinet,
    requests: [],
    questions: [],
  }
}

/** Flats are spread over streets, houses and flat numbers by a permutation, so no two share one. */
function flatAddress(slot: number) {
  const space = STREETS.length * HOUSES_PER_STREET * FLATS_PER_HOUSE
  const position = (slot * 7919 + 101) % space
  const street = STREETS[position % STREETS.length]!
  const rest = Math.floor(position / STREETS.length)
  const slotInStreet = (rest % HOUSES_PER_STREET) + 1
  const apartment = Math.floor(rest / HOUSES_PER_STREET) + 1
  return {
    district: street.district,
    street: street.street,
    ...houseNumber(slotInStreet),
    apartment: String(apartment),
  }
}

/**
 * House numbers as a city has them (docs/business-rules.md#accounts): most plain, some with a building, and
 * the last slots of a street as lettered houses ("13А" beside "13") and fractions ("25/2" beside "25"), so
 * that the search meets the addresses callers confuse.
 */
function houseNumber(slot: number): { house: string; building: string | null } {
  if (slot > HOUSES_PER_STREET - 8) return { house: `${slot - 60}А`, building: null }
  if (slot > HOUSES_PER_STREET - 16) return { house: `${slot - 40}/${(slot % 3) + 1}`, building: null }
  return { house: String(slot), building: slot % 7 === 0 ? String((slot % 3) + 1) : null }
}

function privateAddress(slot: number) {
  const space = STREETS.length * PRIVATE_HOUSES_PER_STREET
  const round = Math.floor(slot / space)
  const position = ((slot % space) * 7919 + 37) % space
  const street = STREETS[position % STREETS.length]!
  const house = Math.floor(position / STREETS.length) + 1
  return {
    district: street.district,
    street: street.street,
    house: round === 0 ? String(house) : `${house}${HOUSE_LETTERS[(round - 1) % HOUSE_LETTERS.length]}`,
    building: null,
    apartment: null,
  }
}

function buildMeters(
  random: SeededRandom,
  account: AccountRow,
  nextId: () => number,
  options: DemoOptions,
): MeterRow[] {
  const count = random.int(1, account.houseType === 'private' ? 2 : 3)
  const places = account.houseType === 'private' ? METER_PLACES_HOUSE : METER_PLACES_FLAT
  return Array.from({ length: count }, (_, n) => {
    const installedYear = random.int(2016, 2024)
    const installedOn = `${installedYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`
    // Cold-water meters are verified every six years; some are overdue, as in life.
    const verificationDue = `${installedYear + 6}-${installedOn.slice(5)}`
    const removed = account.status === 'closed'
    return {
      id: nextId(),
      accountId: account.id,
      serial: `${random.pick(['СВ', 'ВСКМ', 'ЭКО', 'ВСХ'])}-${random.int(10_000_000, 99_999_999)}`,
      place: places[n % places.length]!,
      installedOn,
      verificationDue:
        verificationDue < `${options.untilPeriod}-28` && random.chance(0.5)
          ? shiftYear(verificationDue, 6)
          : verificationDue,
      digits: random.chance(0.9) ? 5 : random.pick([6, 8]),
      status: removed ? 'removed' : 'active',
      removedOn: removed ? account.closedOn : null,
    }
  })
}

function buildReadings(random: SeededRandom, account: AccountRow, meters: MeterRow[], options: DemoOptions) {
  const readings: DemoAccount['readings'] = []
  const first = shiftPeriod(options.untilPeriod, -(options.months - 1))
  const lastPeriod = account.closedOn ? account.closedOn.slice(0, 7) : options.untilPeriod
  // A few accounts stopped passing readings: staff chase these first (docs/business-rules.md#accounts).
  const silentFrom = random.chance(0.05) ? shiftPeriod(options.untilPeriod, -random.int(0, 3)) : null
  for (const meter of meters) {
    const capacity = 10 ** meter.digits * 1000
    const monthly = account.houseType === 'private' ? random.int(5_000, 25_000) : random.int(1_500, 7_000)
    let value = random.chance(0.01) ? capacity - random.int(1, 3) * monthly : random.int(0, 900_000)
    for (let p = periodIndex(first); p <= periodIndex(lastPeriod); p++) {
      value = (value + Math.round(monthly * (0.6 + random.next() * 0.8))) % capacity
      const period = shiftPeriod(first, p - periodIndex(first))
      if ((silentFrom && period >= silentFrom) || random.chance(0.1)) continue
      const late = random.chance(0.04)
      readings.push({
        meterId: meter.id,
        period,
        valueMilli: value,
        receivedAt: receivedAt(random, period, late),
        source: pickSource(random),
        late,
        flags: null,
        enteredBy: null,
      })
    }
  }
  return readings
}

function buildBilling(
  random: SeededRandom,
  account: AccountRow,
  meters: MeterRow[],
  readings: DemoAccount['readings'],
) {
  const charges: DemoAccount['charges'] = []
  const payments: DemoAccount['payments'] = []
  const byPeriod = new Map<string, number>()
  for (const meter of meters) {
    const own = readings.filter((r) => r.meterId === meter.id)
    const capacity = 10 ** meter.digits * 1000
    for (let n = 1; n < own.length; n++) {
      const used = (own[n]!.valueMilli - own[n - 1]!.valueMilli + capacity) % capacity
      byPeriod.set(own[n]!.period, (byPeriod.get(own[n]!.period) ?? 0) + used)
    }
  }
  for (const [period, usedMilli] of [...byPeriod].sort(([a], [b]) => a.localeCompare(b))) {
    const water = Math.round((usedMilli * WATER_TARIFF) / 1000)
    const sewerage = Math.round((usedMilli * SEWERAGE_TARIFF) / 1000)
    charges.push({ accountId: account.id, period, service: 'water', amountKopecks: water })
    charges.push({ accountId: account.id, period, service: 'sewerage', amountKopecks: sewerage })
    if (random.chance(0.88)) {
      const paid = random.chance(0.7) ? water + sewerage : Math.ceil((water + sewerage) / 10_000) * 10_000
      payments.push({
        accountId: account.id,
        paidOn: `${shiftPeriod(period, 1)}-${pad(random.int(3, 25))}`,
        amountKopecks: paid,
        channel: random.pick(PAYMENT_CHANNELS),
      })
    }
  }
  return { charges, payments }
}

export interface DemoQuestion {
  accountNumber: string
  surname: string
  firstName: string
  patronymic: string | null
  email: string | null
  phone: string | null
  subject: string
  message: string
  channel: 'web' | 'phone'
  state: 'new' | 'answered'
  submittedAt: string
  answeredAt: string | null
}

const FEEDBACK_SUBJECTS = [
  'Расчёт за водоотведение',
  'Начисление по нормативу',
  'Перерасчёт после замены счётчика',
  'Показания не учтены',
  'Двойное начисление',
]

function buildRequestsAndQuestions(random: SeededRandom, demo: DemoAccount, options: DemoOptions) {
  const { account } = demo
  const day = () => `${shiftPeriod(options.untilPeriod, -random.int(0, 5))}-${pad(random.int(1, 28))}`
  if (account.status === 'closed' || random.chance(0.03)) {
    const filed = account.closedOn ?? day()
    demo.requests.push({
      accountId: account.id,
      kind: account.status === 'closed' || random.chance(0.5) ? 'closure' : 'reRegistration',
      state:
        account.status === 'closed'
          ? 'completed'
          : random.pick(['new', 'in_review', 'awaiting_documents'] as const),
      channel: random.chance(0.6) ? 'web' : 'office',
      filedAt: `${filed}T10:00:00.000Z`,
      updatedAt: `${filed}T10:00:00.000Z`,
    })
  }
  if (random.chance(0.06)) {
    const received = day()
    const answered = random.chance(0.7)
    demo.questions.push({
      accountNumber: account.number,
      surname: account.surname,
      firstName: account.firstName,
      patronymic: account.patronymic,
      email: account.email,
      phone: account.phone,
      subject: random.pick(FEEDBACK_SUBJECTS),
      message: 'Прошу разъяснить, как рассчитана сумма в квитанции за прошлый месяц.',
      channel: random.chance(0.7) ? 'web' : 'phone',
      state: answered ? 'answered' : 'new',
      submittedAt: `${received}T09:00:00.000Z`,
      answeredAt: answered ? `${received}T15:00:00.000Z` : null,
    })
  }
}

/** Readings arrive from the 23rd of the month before to the 2nd of the period, Moscow time. */
function receivedAt(random: SeededRandom, period: string, late: boolean): string {
  const [year, month] = period.split('-').map(Number) as [number, number]
  const day = late ? random.int(3, 9) : random.int(-7, 2)
  const hourMoscow = random.int(8, 22)
  return new Date(Date.UTC(year, month - 1, day, hourMoscow - 3, random.int(0, 59))).toISOString()
}

function pickSource(random: SeededRandom): ReadingRow['source'] {
  const x = random.next()
  return x < 0.6 ? 'web' : x < 0.85 ? 'paper' : x < 0.95 ? 'phone' : 'inspector'
}

function hash(seed: number, index: number): number {
  let h = (seed ^ 0x5bd1e995) >>> 0
  h = Math.imul(h ^ index, 0x5bd1e995) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

function shiftYear(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

const LATIN: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya -:-'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
)

function translit(text: string): string {
  return [...text.toLowerCase()].map((ch) => LATIN[ch] ?? '').join('')
}
