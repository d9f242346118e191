import { nextTick, ref } from 'vue'
import type { ReadingFormContext } from '@shared/contract'
import { decideReading } from '@shared/domain/reading-decision'
import { checkTypedReading } from '@shared/domain/typed-reading'
import { BridgeError } from '../bridge'
import {
  BatchKeystrokes,
  type BatchKey,
  type RoutedForm,
  type ValueCheck,
} from '../readings/batch-keystrokes'
import { cursorOfFieldId, fieldId } from '../readings/batch-field-ids'
import { useReadingBatchStore, type EditableForm } from '../stores/readingBatch'
import { playRefusalBeep } from './refusalBeep'

/** The key a keydown means on the batch screen, or null for keys the browser keeps (Tab, arrows). */
export function batchKeyOf(event: KeyboardEvent): BatchKey | null {
  if (event.key === 'Enter') return { kind: 'enter', confirm: event.ctrlKey || event.metaKey }
  if (event.key === 'F8') return { kind: 'setAside' }
  if (event.altKey) return null
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') return { kind: 'selectAll' }
  if (event.ctrlKey || event.metaKey) return null
  if (event.key === '-') return { kind: 'noValue' }
  if (event.key === 'Backspace') return { kind: 'backspace' }
  if (event.key.length === 1) return { kind: 'char', text: event.key }
  return null
}

/**
 * The batch screen's keyboard (issue: paper-form entry): one router for the whole batch, fed by one
 * keydown handler, talking to the store and the main process through the ports below. Idle, a
 * character typed into the field the router expects is left to the browser (caret, selection); every
 * other key, and every key while an answer is awaited, goes through the router, in order.
 */
export function useBatchEntry() {
  const store = useReadingBatchStore()

  function check(form: RoutedForm, meterId: number): ValueCheck {
    const context = store.contexts[form.position]
    const meter = context?.meters.find((m) => m.id === meterId)
    const typed = form.values.find((v) => v.meterId === meterId)?.value ?? ''
    if (!context || !meter) return { kind: 'blocked', code: 'noContext' }
    if (!typed.trim()) return { kind: 'blank', removed: meter.status === 'removed' }
    const checked = checkTypedReading(typed, contextFor(context, meter, store.batch!.receivedOn))
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

  /** How many keys were held back; tests and the screen's live region read it. */
  const refusals = ref(0)
  const busy = ref(false)

  const keys = new BatchKeystrokes(
    {
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
      check,
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
      refuse(cursor) {
        refusals.value += 1
        const field = document.getElementById(fieldId(cursor))
        if (field) {
          field.classList.remove('refused-key')
          void field.offsetWidth // restarts the flash animation
          field.classList.add('refused-key')
        }
        playRefusalBeep()
      },
      busyChanged: (value) => {
        busy.value = value
      },
      async settled(cursor) {
        await nextTick()
        const field = document.getElementById(fieldId(cursor))
        if (field && document.activeElement !== field) field.focus()
      },
    },
    { position: store.forms[store.forms.length - 1]?.position ?? 0, field: 'account' },
  )

  function onKeydown(event: KeyboardEvent) {
    const key = batchKeyOf(event)
    if (!key) return
    const target = event.target as HTMLElement | null
    const native =
      !keys.busy &&
      target?.id === fieldId(keys.cursor) &&
      (key.kind === 'char' || key.kind === 'backspace' || key.kind === 'selectAll')
    if (native) return
    event.preventDefault()
    keys.press(key)
  }

  /**
   * Text that arrives without a key event (a character outside the keyboard layout, an input method,
   * a paste) follows the same rule as a key.
   */
  function onBeforeInput(event: InputEvent) {
    if (!event.data || !event.inputType.startsWith('insert')) return
    const target = event.target as HTMLElement | null
    if (!keys.busy && target?.id === fieldId(keys.cursor)) return
    event.preventDefault()
    for (const text of event.data) keys.press({ kind: 'char', text })
  }

  /** A field focused by a click (or by the router itself): later keys go there. */
  function onFocusin(event: FocusEvent) {
    const cursor = cursorOfFieldId((event.target as HTMLElement | null)?.id ?? '')
    if (cursor && fieldId(cursor) !== fieldId(keys.cursor)) keys.press({ kind: 'focus', cursor })
  }

  /** A character the browser typed: the same consequences as one the router typed. */
  function onNativeInput(position: number) {
    const form = store.forms.find((f) => f.position === position)
    if (form) keys.afterNativeEdit(form as RoutedForm)
  }

  return { keys, busy, refusals, onKeydown, onBeforeInput, onFocusin, onNativeInput, check }
}

function problemOf(error: unknown): NonNullable<RoutedForm['problem']> {
  if (error instanceof BridgeError) return { code: error.code, params: error.error.params }
  return { code: 'INTERNAL' }
}

function contextFor(
  context: ReadingFormContext,
  meter: ReadingFormContext['meters'][number],
  receivedOn: string,
) {
  return {
    accountStatus: context.account.status,
    houseType: context.account.houseType,
    meter,
    previousMilli: meter.previousMilli,
    recentConsumptionMilli: meter.recentConsumptionMilli,
    existingForPeriodMilli: meter.existingForPeriodMilli,
    receivedOn,
  }
}
