import { nextTick, ref } from 'vue'
import { BatchKeystrokes, type BatchKey, type RoutedForm } from '../readings/batch-keystrokes'
import { cursorOfFieldId, fieldId } from '../readings/batch-field-ids'
import { batchPorts } from '../readings/batch-ports'
import { useReadingBatchStore } from '../stores/readingBatch'
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
 * The batch screen's keyboard (docs/business-rules.md#meter-readings): one router for the whole batch, fed by
 * one keydown handler, talking to the store and the main process through the ports below. Idle, a character
 * typed into the field the router expects is left to the browser (caret, selection); every other key, and
 * every key while an answer is awaited, goes through the router, in order.
 */
export function useBatchEntry() {
  const store = useReadingBatchStore()

  /** How many keys were held back; tests and the screen's live region read it. */
  const refusals = ref(0)
  const busy = ref(false)

  const ports = batchPorts(store, {
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
  })
  const keys = new BatchKeystrokes(ports, {
    position: store.forms[store.forms.length - 1]?.position ?? 0,
    field: 'account',
  })

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

  return { keys, busy, refusals, onKeydown, onBeforeInput, onFocusin, onNativeInput, check: ports.check }
}
