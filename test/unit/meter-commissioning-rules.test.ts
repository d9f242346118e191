import { describe, expect, it } from 'vitest'
import { meterPast } from '@shared/domain/readings/web-reading-check'
import { meterCommissioningFields } from '@shared/domain/requests/kinds/meter-commissioning/fields'
import { commissionedParagraphs } from '@shared/domain/requests/kinds/meter-commissioning/letter'
import { meterCommissioning } from '@shared/domain/requests/kinds/meter-commissioning/rules'
import { decideCompletion } from '@shared/domain/requests/request-completion'

/**
 * A new meter put into service (docs/business-rules.md#a-new-meter-put-into-service): its fields as the
 * website and the counter give them, completion's own checks, and the first reading counted from the
 * reading the meter was sealed at.
 */
const fields = (over: Record<string, unknown> = {}) => ({
  reason: 'replacement',
  replacedSerial: 'ХВ-11',
  newSerial: 'ХВ-777',
  model: 'СВК-15',
  place: 'кухня',
  verifiedOn: '2028-02-29',
  nextVerificationOn: '2034-02-28',
  sealNumber: 'П-1',
  initialReading: '3,5',
  ...over,
})
const refusedFields = (input: unknown) => {
  const read = meterCommissioningFields.safeParse(input)
  return read.success ? [] : read.error.issues.map((issue) => issue.path.join('.'))
}

describe('a meter put into service: its fields', () => {
  it('takes 29 February of a leap year, and 5 digits when none are given', () => {
    expect(refusedFields(fields())).toEqual([])
    expect(meterCommissioningFields.parse(fields()).digits).toBe(5)
  })
  it('refuses a date that does not exist, a next verification not after this one or beyond 16 years', () => {
    expect(refusedFields(fields({ verifiedOn: '2027-02-29' }))).toEqual(['verifiedOn'])
    expect(refusedFields(fields({ nextVerificationOn: '2028-02-29' }))).toEqual(['nextVerificationOn'])
    expect(refusedFields(fields({ nextVerificationOn: '2044-03-01' }))).toEqual(['nextVerificationOn'])
    expect(refusedFields(fields({ nextVerificationOn: '2044-02-29' }))).toEqual([])
  })
  it('refuses an initial reading the dial cannot show, and blank names', () => {
    expect(refusedFields(fields({ initialReading: '123456,1' }))).toEqual(['initialReading'])
    expect(refusedFields(fields({ initialReading: '1,2345' }))).toEqual(['initialReading'])
    expect(refusedFields(fields({ initialReading: '123456,1', digits: 6 }))).toEqual([])
    expect(refusedFields(fields({ sealNumber: '   ', model: '' })).sort()).toEqual(['model', 'sealNumber'])
  })
})

describe('a meter put into service: completion', () => {
  const submittedAt = '2028-03-02T20:59:59.000Z' // 2 March, 23:59:59 Moscow time
  const facts = (meters: { serial: string; lastReceivedAt: string | null }[]) => ({
    kind: 'meterCommissioning' as const,
    state: 'approved' as const,
    submittedAt,
    account: { status: 'active' as const },
    meters,
  })
  const withFinal = [
    // Received on 24 February, Moscow: within the 7 days before the request.
    { serial: 'ХВ-11', lastReceivedAt: '2028-02-23T21:00:00.000Z' },
    { serial: 'ГВ-12', lastReceivedAt: null },
  ]
  const complete = (details: unknown, meters = withFinal, on = '2028-03-03') =>
    decideCompletion(facts(meters), { on, newOwner: null, details }, '2028-03-03')

  it('asks only the meter replaced for a final reading', () => {
    expect(meterCommissioning.finalReadings(fields())).toEqual(['ХВ-11'])
    expect(complete(fields(), [{ serial: 'ХВ-11', lastReceivedAt: '2028-02-23T20:59:59.000Z' }])).toEqual({
      refusal: { code: 'FINAL_READINGS_MISSING', meters: 'ХВ-11' },
    })
  })
  it('refuses a meter replaced that the account has not, and a new serial another meter has', () => {
    expect(complete(fields({ replacedSerial: 'ХВ-99' }))).toEqual({
      refusal: { code: 'METER_NOT_ON_ACCOUNT', serial: 'ХВ-99' },
    })
    expect(complete(fields({ newSerial: 'ГВ-12' }))).toEqual({
      refusal: { code: 'METER_ALREADY_ACTIVE', serial: 'ГВ-12' },
    })
    // A verified meter comes back under its own serial.
    expect(complete(fields({ reason: 'verification', newSerial: 'ХВ-11' }))).toMatchObject({
      effect: 'commissionMeter',
    })
  })
  it('refuses sealing before the verification, or when the next one is already due', () => {
    expect(complete(fields({ verifiedOn: '2028-03-04', nextVerificationOn: '2034-03-01' }))).toEqual({
      refusal: { code: 'INVALID_INPUT', fields: 'meterCommissioning.verifiedOn' },
    })
    expect(
      complete(
        fields({ verifiedOn: '2022-01-10', nextVerificationOn: '2028-03-03' }),
        withFinal,
        '2028-03-03',
      ),
    ).toEqual({ refusal: { code: 'INVALID_INPUT', fields: 'meterCommissioning.nextVerificationOn' } })
  })
  it('puts the meter into service with its initial reading in thousandths', () => {
    expect(complete(fields({ initialReading: '0012,05' }))).toMatchObject({
      effect: 'commissionMeter',
      meter: { newSerial: 'ХВ-777', initialMilli: 12_050, digits: 5 },
    })
  })
  it('tells the subscriber which meter went and which counts from when and from what', () => {
    const meter = { ...meterCommissioningFields.parse(fields()), initialMilli: 3500 }
    expect(commissionedParagraphs(meter, '40000001', '2028-03-03').join(' ')).toMatch(
      /Вместо прибора учёта № ХВ-11 прибор учёта № ХВ-777 .* с 03\.03\.2028: пломба № П-1, начальные показания 3,500 м³\..*снят с учёта.*до 28\.02\.2034/,
    )
  })
})

describe("a meter's first reading", () => {
  it('is compared with the reading the meter was sealed at, when it has none before', () => {
    expect(meterPast([], null, 5, 3500).previousMilli).toBe(3500)
    expect(meterPast([], null, 5).previousMilli).toBeNull()
    // Once it has readings, those count.
    expect(meterPast([{ period: '2028-04', valueMilli: 9000 }], null, 5, 3500).previousMilli).toBe(9000)
  })
})
