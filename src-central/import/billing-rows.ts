import { z } from 'zod'

/**
 * The rows of a billing export, checked one by one (docs/billing-import.md). A row that fails is
 * reported with the field and the reason, in Russian, and nothing of it is taken.
 */

const required = (max: number) => z.string().trim().min(1, 'не заполнено').max(max, `длиннее ${max} знаков`)
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `длиннее ${max} знаков`)
    .transform((value) => (value === '' ? null : value))
const accountNumber = z
  .string()
  .trim()
  .regex(/^[0-9]{4,20}$/, 'номер лицевого счёта — от 4 до 20 цифр')

/** 2026-11-25 or 25.11.2026, as Russian spreadsheets write it; answers YYYY-MM-DD. */
const date = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const russian = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value)
    const iso = russian ? `${russian[3]}-${russian[2]}-${russian[1]}` : value
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
      ctx.addIssue({ code: 'custom', message: 'не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)' })
      return z.NEVER
    }
    return iso
  })
const optionalDate = z.union([z.literal('').transform(() => null), date])

const HOUSE_TYPES: Record<string, 'mkd' | 'private'> = {
  mkd: 'mkd',
  мкд: 'mkd',
  многоквартирный: 'mkd',
  private: 'private',
  частный: 'private',
}

export const billingAccountRow = z.object({
  account_number: accountNumber,
  eirc_number: z
    .string()
    .trim()
    .regex(/^[0-9]{4,20}$/, 'номер ЕИРЦ — от 4 до 20 цифр'),
  surname: required(100),
  first_name: required(100),
  patronymic: optional(100),
  district: required(100),
  street: required(200),
  house: required(20),
  building: optional(20),
  apartment: optional(20),
  phone: optional(40),
  email: z
    .string()
    .trim()
    .max(254, 'длиннее 254 знаков')
    .refine((value) => value === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), 'не адрес электронной почты')
    .transform((value) => (value === '' ? null : value)),
  house_type: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const type = HOUSE_TYPES[value.toLowerCase()]
      if (!type) {
        ctx.addIssue({ code: 'custom', message: 'тип дома — «МКД» или «частный»' })
        return z.NEVER
      }
      return type
    }),
  opened_on: date,
  closed_on: optionalDate,
})
export type BillingAccount = z.output<typeof billingAccountRow>

export const billingMeterRow = z.object({
  account_number: accountNumber,
  serial: required(40),
  place: required(100),
  installed_on: date,
  verification_due: date,
  digits: z
    .string()
    .trim()
    .regex(/^\d+$/, 'не число')
    .transform(Number)
    .refine((value) => value >= 4 && value <= 8, 'разрядность — от 4 до 8'),
  removed_on: optionalDate,
})
export type BillingMeter = z.output<typeof billingMeterRow>

/** '1 234,56', '-12.5', '300': roubles with up to two decimals, as kopecks. */
const money = z
  .string()
  .transform((value) => value.replace(/[\s\u00a0]/g, '').replace(',', '.'))
  .transform((value, ctx) => {
    const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value)
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'не сумма в рублях (например, 1234,56)' })
      return z.NEVER
    }
    const kopecks = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
    return match[1] ? -kopecks : kopecks
  })

/** 2026-11 or 11.2026. */
const period = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const russian = /^(\d{2})\.(\d{4})$/.exec(value)
    const iso = russian ? `${russian[2]}-${russian[1]}` : value
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(iso)) {
      ctx.addIssue({ code: 'custom', message: 'не период (ожидается ММ.ГГГГ или ГГГГ-ММ)' })
      return z.NEVER
    }
    return iso
  })

const SERVICES: Record<string, 'water' | 'sewerage'> = {
  water: 'water',
  вода: 'water',
  водоснабжение: 'water',
  sewerage: 'sewerage',
  водоотведение: 'sewerage',
  канализация: 'sewerage',
}

export const billingChargeRow = z.object({
  account_number: accountNumber,
  period,
  service: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const service = SERVICES[value.toLowerCase()]
      if (!service) {
        ctx.addIssue({ code: 'custom', message: 'услуга — «водоснабжение» или «водоотведение»' })
        return z.NEVER
      }
      return service
    }),
  amount: money,
})
export type BillingCharge = z.output<typeof billingChargeRow>

export const billingPaymentRow = z.object({
  payment_id: required(40),
  account_number: accountNumber,
  paid_on: date,
  amount: money,
  channel: required(100),
})
export type BillingPayment = z.output<typeof billingPaymentRow>

/** The first problem of a row, as "field: reason"; a missing column is named too. */
export function rowProblem(error: z.ZodError): string {
  const issue = error.issues[0]!
  const field = issue.path.join('.')
  return issue.code === 'invalid_type'
    ? `${field}: нет такого столбца или он пуст`
    : `${field}: ${issue.message}`
}
