import { parseReadingValue } from '../../../reading-value'
import { finalReadingsMissing } from '../closure'
import { kindField, readDetails, type RequestKindRules } from '../request-kind'
import { meterCommissioningFields, type MeterCommissioningFields } from './fields'

const KIND = 'meterCommissioning'

/** The meter as completion puts it into service: the fields as checked, the initial reading exact. */
export type CommissionedMeter = MeterCommissioningFields & { initialMilli: number }

/** The fields with their initial reading read exactly, or null when the dial cannot show it. */
export function commissioned(fields: MeterCommissioningFields): CommissionedMeter | null {
  const initial = parseReadingValue(fields.initialReading, fields.digits)
  return 'problem' in initial ? null : { ...fields, initialMilli: initial.milli }
}

/** The fields as the request keeps them once completed (the exact reading is the meter's, not the request's). */
export function filedFields(meter: CommissionedMeter): MeterCommissioningFields {
  const { initialMilli, ...fields } = meter
  void initialMilli
  return fields
}

/**
 * A new meter put into service after a replacement or a verification
 * (docs/business-rules.md#a-new-meter-put-into-service). The clerk checks the papers and may send an
 * inspector to seal it; completion removes the meter replaced, once its final reading is in, and puts
 * the new one into service from the date sealed, with its initial reading and next verification date.
 */
export const meterCommissioning: RequestKindRules<{ effect: 'commissionMeter'; meter: CommissionedMeter }> = {
  title: 'ввод прибора учёта в эксплуатацию',
  word: 'ввод счётчика',
  documents: {
    meterPassport: 'паспорт прибора учёта',
    verificationCertificate: 'свидетельство о поверке (или запись о ней в паспорте)',
    installerAct: 'акт установки (замены) прибора учёта',
  },
  newOwner: false,
  details: meterCommissioningFields,
  inspectorVisit: true,
  finalReadings(details) {
    const serial = (details as { replacedSerial?: unknown } | null)?.replacedSerial
    return typeof serial === 'string' && serial.trim() ? [serial.trim()] : 'none'
  },
  decide(facts, asked) {
    const read = readDetails(KIND, meterCommissioningFields, asked.details)
    if ('refusal' in read) return read
    const fields = read.details
    if (!facts.meters.some((meter) => meter.serial === fields.replacedSerial))
      return { refusal: { code: 'METER_NOT_ON_ACCOUNT', serial: fields.replacedSerial } }
    // A verified meter comes back under its own serial; a new one may not take another's.
    if (
      fields.newSerial !== fields.replacedSerial &&
      facts.meters.some((meter) => meter.serial === fields.newSerial)
    )
      return { refusal: { code: 'METER_ALREADY_ACTIVE', serial: fields.newSerial } }
    // Sealed on the date of completion: after its verification, before the next one is due.
    if (fields.verifiedOn > asked.on)
      return { refusal: { code: 'INVALID_INPUT', fields: kindField(KIND, 'verifiedOn') } }
    if (fields.nextVerificationOn <= asked.on)
      return { refusal: { code: 'INVALID_INPUT', fields: kindField(KIND, 'nextVerificationOn') } }
    const missing = finalReadingsMissing(facts, [fields.replacedSerial])
    if (missing) return missing
    const meter = commissioned(fields)
    if (!meter) return { refusal: { code: 'INVALID_INPUT', fields: kindField(KIND, 'initialReading') } }
    return { effect: 'commissionMeter', meter }
  },
}
