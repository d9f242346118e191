import type { z } from 'zod'

/**
 * The fields a schema refused, once each, joined for an error's `fields` parameter ("phone,email");
 * `whole` names the value itself when the refusal is not about one of its fields.
 */
export function refusedFields(error: z.ZodError, whole: string): string {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || whole))].join(',')
}
