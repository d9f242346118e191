import { createHash, createHmac } from 'node:crypto'
import { sessionProofText } from '@shared/central/command-proof'

/** The mark of a live online session on a staff-management command (shared/central/command-proof.ts). */
export function sessionProof(token: string, commandId: string): string {
  const key = createHash('sha256').update(token).digest('hex')
  return createHmac('sha256', key).update(sessionProofText(commandId)).digest('base64')
}
