import { createHmac, timingSafeEqual } from 'node:crypto'
import { sessionProofText } from '@shared/central/command-proof'

/**
 * Whether `proof` marks `commandId` as made in the live session whose token has this hash
 * (`staff_tokens.token_hash`; shared/central/command-proof.ts says how the console makes it).
 */
export function sessionProofMatches(proof: string, tokenHash: string, commandId: string): boolean {
  const expected = createHmac('sha256', tokenHash).update(sessionProofText(commandId)).digest()
  const given = Buffer.from(proof, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
