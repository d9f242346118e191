import { defineSyncedCommand } from '../../commands/pipeline'

export interface SavedDecision {
  requestId: number
  fileName: string
  /** The PDF, base64. */
  content: string
}

/**
 * Keeps a printed decision with the request's documents, centrally, so every console and the
 * subscriber's cabinet see the same paper. The console keeps nothing of it but the audit row: the
 * document comes back through the feed like any other.
 */
export const saveDecision = defineSyncedCommand('requests.saveDecision')<
  SavedDecision,
  Record<string, never>
>({
  outboxPayload: (input) => input,
  apply(_db, input) {
    return {
      result: {},
      changes: [
        {
          entity: 'webRequest',
          entityId: input.requestId,
          before: null,
          after: { decision: input.fileName, sizeBytes: Math.floor((input.content.length * 3) / 4) },
        },
      ],
    }
  },
})
