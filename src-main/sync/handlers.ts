import type {
  CentralServiceInput,
  ConsoleList,
  SuggestedService,
  syncChannels,
  syncSettingsChannels,
} from '@shared/contract'
import { AppError } from '../errors'
import type { ModuleDeps } from '../modules/deps'
import { countStaff } from '../modules/staff/staff-queries'
import { signInCentrally } from '../modules/auth/central-sign-in'
import type { Session } from '../modules/auth/sessions'
import type { Handlers } from '../router'
import { readStoredService, saveCentralService, serviceView, storedService } from './central-settings'
import { asAppError, enrolAtService } from './enrol-console'
import { acceptanceFields, acceptMadeAlone, discardMadeAlone, listMadeAlone } from './made-alone'
import type { SecretBox } from './secret-box'
import type { CentralTarget, SyncController } from './sync-controller'

/** Timing the composition root gives every engine (tests use short ones). */
export type EngineTiming = Pick<CentralTarget, 'periodicMs' | 'backoffMs' | 'heartbeatMs' | 'pushBatchSize'>

/**
 * Status and "sync now" for everyone; the central service link and the consoles list for
 * supervisors; and, on a brand-new console, joining the utility's service instead of a local setup.
 */
export function syncHandlers(
  deps: ModuleDeps,
  controller: SyncController,
  box: SecretBox | null,
  timing: EngineTiming,
  suggested: SuggestedService = { url: null, caPem: null, caName: null },
): Handlers<keyof typeof syncChannels | keyof typeof syncSettingsChannels> {
  const { local, events, pipeline, clock } = deps
  events.on('outbox.changed', () => events.emit('sync.status', controller.status()))

  async function enrol(input: CentralServiceInput, staff: Parameters<typeof pipeline.run>[2]['staff']) {
    if (!box) throw new AppError('SECRET_STORE_UNAVAILABLE')
    const enrolment = await enrolAtService(input)
    const view = pipeline.run(
      saveCentralService,
      {
        service: { url: input.url, caPem: input.caPem, consoleName: input.consoleName, ...enrolment },
        box,
        at: clock.now().toISOString(),
      },
      { staff },
    )
    await connectStored()
    deps.lostCopy.forget()
    return view
  }

  async function connectStored() {
    const stored = box ? storedService(local.sql, box) : null
    await controller.connect(stored ? { ...stored, ...timing } : null)
  }

  function onlineClient() {
    const client = controller.client
    if (!client) throw new AppError('CENTRAL_SERVICE_NEEDED')
    return client
  }

  /** The supervisor's own proof for the service, from their online sign-in on this console. */
  function tokenOf(session: Session | null): string {
    if (!session?.centralToken) throw new AppError('CENTRAL_SIGN_IN_NEEDED')
    return session.centralToken
  }

  async function consoles(token: string): Promise<ConsoleList> {
    try {
      const list = await onlineClient().listConsoles(token)
      const own = readStoredService(local.sql)?.consoleId
      return list.consoles.map((c) => ({ ...c, thisConsole: c.id === own }))
    } catch (error) {
      throw asAppError(error)
    }
  }

  return {
    'sync.status': () => controller.status(),
    'sync.now': () => controller.syncNow(),
    'sync.suggested': () => suggested,
    'sync.connection': () => serviceView(local.sql),
    'sync.configure': async (input, { session }) => {
      if (input.service) {
        const view = await enrol(input.service, session.staff)
        // The approving supervisor is usually the one at this console: signed in centrally at once,
        // so the consoles list opens without signing in again.
        const client = controller.client
        if (client && session.staff.login === input.service.login) {
          const online = await signInCentrally(
            deps,
            client,
            input.service.login,
            input.service.password,
          ).catch(() => null)
          if (online) {
            session.centralToken = online.centralToken
            deps.sessions.useSigner(session.staff.id, online.signer)
          }
        }
        return view
      }
      if (!box) throw new AppError('SECRET_STORE_UNAVAILABLE')
      const view = pipeline.run(
        saveCentralService,
        { service: null, box, at: clock.now().toISOString() },
        { staff: session.staff },
      )
      await connectStored()
      return view
    },
    'sync.enrolNew': async (input) => {
      // Only a console nobody has set up yet; afterwards a supervisor enrols it from the settings.
      if (countStaff(local.sql) > 0 || readStoredService(local.sql)) throw new AppError('ALREADY_SET_UP')
      return enrol(input.service, null)
    },
    'sync.madeAlone': () => listMadeAlone(local.sql),
    'sync.acceptMadeAlone': (input, { session }) => {
      // Accepting signs the work as the supervisor's own: their key, on this enrolled console.
      const consoleId = controller.client?.consoleId
      const signer = deps.sessions.signerFor(session.staff.id)
      if (!consoleId || !signer || !session.centralToken) throw new AppError('CENTRAL_SIGN_IN_NEEDED')
      const at = clock.now().toISOString()
      const items = acceptanceFields(local.sql, input.commandIds, at).map((fields) => ({
        commandId: fields.commandId,
        proof: signer.prove({ ...fields, consoleId }),
      }))
      const accepted = pipeline.run(acceptMadeAlone, { at, items }, { staff: session.staff })
      events.emit('outbox.changed', undefined)
      return accepted
    },
    'sync.discardMadeAlone': (input, { session }) =>
      pipeline.run(discardMadeAlone, input, { staff: session.staff }),
    'sync.consoles': (_input, { session }) => consoles(tokenOf(session)),
    'sync.revokeConsole': async (input, { session }) => {
      const token = tokenOf(session)
      try {
        await onlineClient().revokeConsole(token, input.consoleId)
      } catch (error) {
        throw asAppError(error)
      }
      return consoles(token)
    },
  }
}
