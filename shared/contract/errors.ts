/**
 * Every failure that crosses the contract carries one of these codes and optional parameters.
 * The renderer turns a code into a Russian (or English) sentence; it never sees a stack trace.
 */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'ALREADY_SET_UP',
  'NOT_SET_UP',
  'INVALID_CREDENTIALS',
  'LOGIN_LOCKED',
  'STAFF_INACTIVE',
  'LOGIN_TAKEN',
  'PASSWORDS_DIFFER',
  'WEAK_PASSWORD',
  /** A supervisor set this password: its owner changes it before anything else. */
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_UNCHANGED',
  'NOT_FOUND',
  'CANNOT_DEACTIVATE_SELF',
  'STALE_VERSION',
  'ACCOUNT_CLOSED',
  'NO_ACTIVE_CABINET',
  'CALLER_NOT_VERIFIED',
  'UNKNOWN_ACCOUNT',
  'INVALID_READING_VALUE',
  'READING_REFUSED',
  'READING_NEEDS_CONFIRMATION',
  'REPLACE_NEEDS_REASON',
  'RECEIVED_IN_FUTURE',
  'BATCH_FINISHED',
  'BATCH_NOT_YOURS',
  'OWN_BATCH_OPEN',
  'PAPER_ONLY_CLERKS',
  'PERIOD_ALREADY_CLOSED',
  'PERIOD_NOT_CLOSED',
  'PERIOD_STILL_COLLECTING',
  'NOTHING_TO_OVERRIDE',
  'ALREADY_DECIDED',
  'ALREADY_CLAIMED',
  'REGISTRATION_CHECKS_FAILED',
  'REQUEST_ALREADY_MOVED',
  'REASON_REQUIRED',
  'MISSING_DOCUMENTS_REQUIRED',
  'SCAN_EMPTY',
  'SCAN_TOO_LARGE',
  'SCAN_WRONG_TYPE',
  'SCANS_TOO_MANY',
  'SCANS_TOO_LARGE',
  'COMPLETION_DATE',
  'FINAL_READINGS_MISSING',
  'NEW_OWNER_REQUIRED',
  'NEW_OWNER_NAME',
  'APPLICANT_NAME',
  'ACCOUNT_ALREADY_CLOSED',
  'DOCUMENT_UNAVAILABLE',
  'REQUEST_NOT_DECIDED',
  'ALREADY_ANSWERED',
  'QUESTION_DONE',
  'NO_EMAIL_FOR_REPLY',
  'TEMPLATE_NAME_TAKEN',
  'UNKNOWN_PLACEHOLDER',
  'UNREACHABLE',
  'CENTRAL_UNREACHABLE',
  'CENTRAL_AUTH_FAILED',
  'CENTRAL_TOO_MANY_TRIES',
  'CENTRAL_NOT_MIGRATED',
  'CENTRAL_UNTRUSTED_CERTIFICATE',
  'CENTRAL_NOT_SUPERVISOR',
  'CENTRAL_SERVICE_NEEDED',
  'CENTRAL_SIGN_IN_NEEDED',
  'CONSOLE_REVOKED',
  'FIRST_RUN_LOCAL_ONLY',
  'SETUP_THROUGH_CENTRAL',
  'AUTHOR_NOT_CENTRAL',
  /** The command carries no proof that its author made it (docs/central-service.md#proof-of-person). */
  'AUTHOR_UNPROVEN',
  /** Its time lies before its author's key existed, or ahead of the service's clock. */
  'MADE_AT_OUT_OF_RANGE',
  /** Made after its author's key was revoked (a password changed or reset, a deactivation). */
  'PERSON_KEY_REVOKED',
  'ONLINE_SESSION_NEEDED',
  'DUPLICATE_OF_ANOTHER_SUBSCRIBER',
  'MADE_ALONE_NOT_FOUND',
  'UNKNOWN_COMMAND',
  'CENTRAL_REJECTED',
  'OFFLINE_SIGN_IN_EXPIRED',
  'SECRET_STORE_UNAVAILABLE',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export type ErrorParams = Record<string, string | number | boolean | null>

export interface ContractError {
  code: ErrorCode
  params?: ErrorParams
}

export type InvokeResult<T> = { ok: true; data: T } | { ok: false; error: ContractError }
