import { z } from 'zod'

/** A free-text reason or note a person may leave empty: trimmed, at most 500 characters, empty = null. */
export const optionalNote = z
  .string()
  .trim()
  .max(500)
  .transform((value) => value || null)
  .nullable()
  .default(null)
