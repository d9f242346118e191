import { REQUEST_KIND_RULES, type RequestKind } from './kinds'

export { DOCUMENT_NAMES } from './kinds'

/**
 * The documents a clerk checks on a request (docs/business-rules.md#closure-and-re-registration-requests),
 * each kind's own list (`kinds/`), each ticked as present and valid or marked missing with a note; the
 * missing ones are named in the letter to the subscriber.
 */
export const requiredDocuments = (kind: RequestKind): readonly string[] =>
  Object.keys(REQUEST_KIND_RULES[kind].documents)

export type DocumentCheck = { document: string; verdict: 'valid' | 'missing'; note: string | null }

/** What is still to be asked for, or null when the checklist is complete and every document valid. */
export function missingDocuments(kind: RequestKind, checks: DocumentCheck[]): string[] | null {
  const verdicts = new Map(checks.map((check) => [check.document, check.verdict]))
  const missing = requiredDocuments(kind).filter((document) => verdicts.get(document) !== 'valid')
  return missing.length ? missing : null
}
