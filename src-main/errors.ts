import type { ErrorCode, ErrorParams } from '@shared/contract'

/** A failure the user is meant to read: the router passes its code and parameters to the renderer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code)
    this.name = 'AppError'
  }
}
