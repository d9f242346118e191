import { AppError } from '../../errors'
import { asAppError } from '../../sync/enrol-console'
import type { Session } from '../auth/sessions'
import type { ModuleDeps } from '../deps'
import type { DocumentCache } from './document-cache'

interface CachedDocument {
  fileName: string
  mediaType: string
  content: Buffer
}

/**
 * A request's document for the viewer (docs/business-rules.md#closure-and-re-registration-requests): from
 * this console's encrypted cache when it was opened here before, otherwise fetched from the central service
 * with the clerk's own sign-in and cached. Never written to a file: the viewer renders the bytes in the
 * window, no outside program opens them.
 */
export async function readRequestDocument(
  deps: Pick<ModuleDeps, 'local' | 'central' | 'clock'>,
  cache: DocumentCache,
  session: Session,
  documentId: number,
): Promise<CachedDocument> {
  const db = deps.local.sql
  const listed = db
    .prepare(`SELECT file_name AS fileName, media_type AS mediaType FROM web_request_documents WHERE id = ?`)
    .get(documentId) as { fileName: string; mediaType: string } | undefined
  if (!listed) throw new AppError('NOT_FOUND', { what: 'document' })
  const cached = cache.read(documentId)
  if (cached) return { ...listed, content: cached }

  const client = deps.central.client()
  if (!client || !session.centralToken) throw new AppError('DOCUMENT_UNAVAILABLE')
  let content: Buffer
  try {
    content = Buffer.from((await client.readDocument(session.centralToken, documentId)).content, 'base64')
  } catch (error) {
    const known = asAppError(error)
    throw known.code === 'CENTRAL_UNREACHABLE' ? new AppError('DOCUMENT_UNAVAILABLE') : known
  }
  cache.write(documentId, content, deps.clock.now().toISOString())
  return { ...listed, content }
}
