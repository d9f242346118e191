import { decideReading } from '@shared/domain/reading-decision'
import { checkTypedReading, formReadingContext } from '@shared/domain/typed-reading'
import { BridgeError } from '../bridge'
import type { EditableForm, useReadingBatchStore } from '../stores/readingBatch'
import type { BatchPorts, RoutedForm, ValueCheck } from './batch-keystrokes'

/** What only the screen can do: flash a refused field, follow the cursor, show that keys wait. */
export type BatchScreen = Pick<BatchPorts, 'refuse' | 'settled' | 'busyChanged'>

type BatchStore = ReturnType<typeof useReadingBatchStore>

/**
 * The keystroke router's ports on the batch store (docs/business-rules.md#meter-readings): look-ups,
 * saves and set-asides go through the store, whose writes leave in the order they were made; values
 * are checked by the shared reading rules. The screen adds focus and feedback; the batch property
 * test drives these same ports on the real store and a real main process.
 */
export function batchPorts(
  store: BatchStore,
  screen: BatchScreen,
): BatchPorts & { check(form: RoutedForm, meterId: number): ValueCheck } {
  return {
    ...screen,
    forms: () => store.forms as RoutedForm[],
    addForm: () => store.addForm() as RoutedForm,
    async lookup(form) {
      try {
        const context = await store.loadContext(form as EditableForm)
        if (context.account.status === 'closed')
          return { ok: false, problem: { code: 'READING_REFUSED', params: { code: 'accountClosed' } } }
        return { ok: true, meterIds: context.meters.map((m) => m.id) }
      } catch (error) {
        return { ok: false, problem: problemOf(error) }
      }
    },
    check: (form, meterId) => checkValue(store, form, meterId),
    async save(form) {
      try {
        await store.submit(form as EditableForm)
        return form.state === 'saved'
          ? { state: 'saved' }
          : { state: 'unresolved', problem: form.problem ?? { code: 'INTERNAL' } }
      } catch (error) {
        // Refused whole (a check the screen did not know of, another console first): kept unresolved.
        if (error instanceof BridgeError && error.code !== 'UNREACHABLE')
          return { state: 'unresolved', problem: problemOf(error) }
        return { state: 'failed' }
      }
    },
    async keepUnresolved(form, state, problem) {
      if (state === 'setAside') {
        const finding = problem.params?.finding
        await store.setAside(form as EditableForm, typeof finding === 'string' ? finding : null)
      } else await store.submit(form as EditableForm).catch(() => undefined)
      // The screen shows why, whatever the main process stored.
      form.state = state
      form.problem = problem
    },
    changed: (form) => store.draftChanged(form as EditableForm),
  }
}

/** What the screen knows of one typed value, from the shared reading checks. */
function checkValue(store: BatchStore, form: RoutedForm, meterId: number): ValueCheck {
  const context = store.contexts[form.position]
  const meter = context?.meters.find((m) => m.id === meterId)
  const typed = form.values.find((v) => v.meterId === meterId)?.value ?? ''
  if (!context || !meter) return { kind: 'blocked', code: 'noContext' }
  if (!typed.trim()) return { kind: 'blank', removed: meter.status === 'removed' }
  const checked = checkTypedReading(typed, formReadingContext(context, meter, store.batch!.receivedOn))
  if ('problem' in checked) return { kind: 'blocked', code: checked.problem }
  // The shared rule; the router asks for the confirmation key, then for the reason.
  const decision = decideReading(checked.findings, [], null)
  if (decision.kind === 'refused')
    return decision.code === 'meterRemoved' || decision.code === 'accountClosed'
      ? { kind: 'refused', code: decision.code }
      : { kind: 'blocked', code: decision.code }
  const warnings = decision.kind === 'needsConfirmation' ? decision.codes : []
  return {
    kind: 'ok',
    warnings,
    needsReason: decideReading(checked.findings, warnings, null).kind === 'needsReason',
  }
}

function problemOf(error: unknown): NonNullable<RoutedForm['problem']> {
  if (error instanceof BridgeError) return { code: error.code, params: error.error.params }
  return { code: 'INTERNAL' }
}
