import type { requestsChannels } from '@shared/contract'
import { runAndHearCentral } from '../../commands/run-and-hear'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { AppError } from '../../errors'
import { releaseClaim, takeClaim } from '../claims/claims'
import type { SecretBox } from '../../sync/secret-box'
import { checkDocuments } from './check-documents'
import { DocumentCache } from './document-cache'
import { completeRequest } from './complete-request'
import { printDecision } from './decision/print-decision'
import { registerRequest } from './register-request'
import { requestDetailReader } from './request-detail'
import { readRequestDocument } from './request-documents'
import { requestClaimKey, requestReader } from './request-queue'
import { stepRequest } from './step-request'

/** `secrets`: the box that seals the document cache's key (none: documents are not cached). */
export function requestsHandlers(
  deps: ModuleDeps,
  secrets: SecretBox | null,
): Handlers<keyof typeof requestsChannels> {
  const reader = requestReader(deps.local.sql)
  const cache = new DocumentCache(deps.local.sql, secrets)
  const details = requestDetailReader(deps.local.sql)
  return {
    'requests.queue': (_input, { session }) => ({
      items: reader.open(session.staff.login, deps.clock.now()),
    }),

    'requests.ofAccount': (input, { session }) => ({
      items: reader.ofAccount(input.accountNumber, session.staff.login, deps.clock.now()),
    }),

    'requests.open': (input, { session }) => {
      const staff = session.staff
      const row = reader.require(input.requestId)
      // A finished one opens read-only; one held by someone else opens with their name on it.
      if (!['rejected', 'completed'].includes(row.state))
        try {
          deps.pipeline.run(takeClaim, { entityKey: requestClaimKey(row.id) }, { staff })
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'ALREADY_CLAIMED') throw error
        }
      return details.detail(row.id, staff.login, deps.clock.now())
    },

    'requests.detail': (input, { session }) =>
      details.detail(reader.require(input.requestId).id, session.staff.login, deps.clock.now()),

    'requests.close': (input, { session }) => {
      deps.pipeline.run(
        releaseClaim,
        { entityKey: requestClaimKey(input.requestId) },
        { staff: session.staff },
      )
      return {}
    },

    'requests.step': async (input, { session }) => {
      const { state } = await runAndHearCentral(deps, stepRequest, input, { staff: session.staff })
      return { state }
    },

    'requests.document': async (input, { session }) => {
      const document = await readRequestDocument(deps, cache, session, input.documentId)
      return {
        fileName: document.fileName,
        mediaType: document.mediaType,
        content: document.content.toString('base64'),
      }
    },

    'requests.checklist': async (input, { session }) => {
      const { state } = await runAndHearCentral(deps, checkDocuments, input, { staff: session.staff })
      return { state }
    },

    'requests.register': async (input, { session }) => {
      const { state } = await runAndHearCentral(deps, registerRequest, input, { staff: session.staff })
      return { state }
    },

    'requests.complete': async (input, { session }) => {
      const { state } = await runAndHearCentral(deps, completeRequest, input, { staff: session.staff })
      return { state }
    },

    'requests.decision': (input, { session }) => printDecision(deps, cache, session, input.requestId),
  }
}
