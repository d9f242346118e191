import { closure } from './closure'
import { meterCommissioning } from './meter-commissioning/rules'
import { reRegistration } from './re-registration'
import type { RequestKindRules } from './request-kind'

/**
 * Every kind of request the console and the central service know, each declared once in its own file
 * (docs/architecture.md#adding-a-request-kind). The order is the order screens offer them in.
 */
export const REQUEST_KIND_RULES = { closure, reRegistration, meterCommissioning } as const

export type RequestKind = keyof typeof REQUEST_KIND_RULES
export const REQUEST_KINDS = Object.keys(REQUEST_KIND_RULES) as [RequestKind, ...RequestKind[]]

/** A kind's declaration, for code that works on any kind. */
export const kindRules = (kind: RequestKind): RequestKindRules => REQUEST_KIND_RULES[kind]

/** What completing a request of kind K does, as its rules decided it. */
export type CompletionEffect<K extends RequestKind> = Exclude<
  ReturnType<(typeof REQUEST_KIND_RULES)[K]['decide']>,
  { refusal: unknown }
>

export const isRequestKind = (kind: string): kind is RequestKind => kind in REQUEST_KIND_RULES

/** Every document any kind asks for, by its id, as the letters name it. */
export const DOCUMENT_NAMES: Readonly<Record<string, string>> = Object.assign(
  {},
  ...Object.values(REQUEST_KIND_RULES).map((rules) => rules.documents),
)
