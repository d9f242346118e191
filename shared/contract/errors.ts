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
  'NOTHING_TO_OVERRIDE',
  'ALREADY_DECIDED',
  'ALREADY_CLAIMED',
  'REGISTRATION_CHECKS_FAILED',
  'REQUEST_ALREADY_MOVED',
  'REASON_REQUIRED',
  'MISSING_DOCUMENTS_REQUIRED',
  'UNREACHABLE',
  'CENTRAL_UNREACHABLE',
  'CENTRAL_AUTH_FAILED',
  'CENTRAL_NOT_MIGRATED',
  'CENTRAL_UNTRUSTED_CERTIFICATE',
  'CENTRAL_NOT_SUPERVISOR',
  'CENTRAL_SERVICE_NEEDED',
  'CENTRAL_SIGN_IN_NEEDED',
  'CONSOLE_REVOKED',
  'FIRST_RUN_LOCAL_ONLY',
  'SETUP_THROUGH_CENTRAL',
  'AUTHOR_NOT_CENTRAL',
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
