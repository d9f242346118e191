import { defineStore } from 'pinia'
import { ref } from 'vue'
import type {
  BatchForm,
  BatchSummary,
  OpenBatchListing,
  ReadingBatch,
  ReadingFormContext,
} from '@shared/contract'
import { bridge } from '../bridge'
import { OrderedWrites } from '../readings/ordered-writes'

export type EditableForm = Pick<BatchForm, 'position' | 'accountNumber' | 'values' | 'state' | 'problem'> & {
  /** The blank meter being asked "не передано?" (screen state only). */
  askingBlank?: number | null
}

/**
 * The open batch of paper forms. Every change is saved as a draft as it is typed, so a crash or a
 * closed window loses at most the key in flight; every write of the batch goes out in the order it
 * was made (readings/ordered-writes.ts), so a form's last state in the main process is the screen's.
 */
function typedForm(batchId: number, form: EditableForm) {
  return {
    batchId,
    position: form.position,
    accountNumber: form.accountNumber,
    values: form.values.map((value) => ({ ...value })),
  }
}

export const useReadingBatchStore = defineStore('readingBatch', () => {
  const batch = ref<ReadingBatch | null>(null)
  const forms = ref<EditableForm[]>([])
  const contexts = ref<Record<number, ReadingFormContext | null>>({})
  const summary = ref<BatchSummary | null>(null)
  /** Supervisors only: other people's open batches, which they may take over. */
  const othersOpen = ref<OpenBatchListing[]>([])
  const writes = new OrderedWrites()

  function adopt(next: ReadingBatch | null) {
    batch.value = next
    forms.value = next ? next.forms.map((f) => ({ ...f })) : []
    contexts.value = {}
    // The next paper form always has an empty row waiting at the end.
    const last = forms.value[forms.value.length - 1]
    if (next && (!last || last.state !== 'draft' || last.accountNumber !== '')) addForm()
    // Rows still to deal with show their meters again, with what was typed in them.
    for (const form of forms.value)
      if (form.accountNumber && form.values.length && form.state !== 'saved' && form.state !== 'discarded')
        void loadContext(form).catch(() => undefined)
  }

  async function load() {
    adopt(await bridge.invoke('readings.currentBatch', {}))
  }

  async function loadOthersOpen() {
    othersOpen.value = await bridge.invoke('readings.openBatches', {})
  }

  async function takeOver(batchId: number) {
    summary.value = null
    adopt(await bridge.invoke('readings.takeOverBatch', { batchId }))
    othersOpen.value = othersOpen.value.filter((listing) => listing.id !== batchId)
  }

  /**
   * A kept unresolved form taken back into work: it joins (or opens) the person's batch with its stamp,
   * after every write still on its way, and that batch becomes the one on screen.
   */
  async function takeUnresolved(batchId: number, position: number) {
    summary.value = null
    adopt(await writes.run(() => bridge.invoke('readings.takeUnresolvedForm', { batchId, position })))
  }

  async function open(receivedOn: string) {
    summary.value = null
    adopt(await bridge.invoke('readings.openBatch', { receivedOn }))
  }

  function addForm(): EditableForm {
    const position = forms.value.reduce((max, f) => Math.max(max, f.position + 1), 0)
    forms.value.push({ position, accountNumber: '', values: [], state: 'draft', problem: null })
    // The reactive copy, so edits through it reach the screen.
    return forms.value[forms.value.length - 1]!
  }

  /** Only a draft is saved as typed: a saved, unresolved or set-aside form keeps its state until edited. */
  function draftChanged(form: EditableForm) {
    if (!batch.value || form.state !== 'draft') return
    const batchId = batch.value.id
    // Sent as the form is when the save leaves; a form decided meanwhile has its decision queued.
    writes.coalesce(`draft:${batchId}:${form.position}`, async () => {
      if (form.state !== 'draft') return
      await bridge.invoke('readings.saveDraft', typedForm(batchId, form))
    })
  }

  async function loadContext(form: EditableForm): Promise<ReadingFormContext> {
    const context = await bridge.invoke('readings.formContext', {
      accountNumber: form.accountNumber,
      receivedOn: batch.value!.receivedOn,
    })
    contexts.value[form.position] = context
    const typed = new Map(form.values.map((v) => [v.meterId, v]))
    // Removed meters are listed too: an old paper form may still carry them, and the clerk must see
    // why a value typed there is refused rather than have it vanish (docs/business-rules.md#meter-readings).
    form.values = context.meters.map((m) => typed.get(m.id) ?? { meterId: m.id, value: '', confirmed: [] })
    draftChanged(form)
    return context
  }

  /** A removed meter's empty field is not a reading; anything typed there goes to the main process and is refused. */
  function valuesToSubmit(form: EditableForm) {
    const removed = new Set(
      contexts.value[form.position]?.meters.filter((m) => m.status === 'removed').map((m) => m.id),
    )
    return form.values.filter((v) => !removed.has(v.meterId) || v.value.trim() !== '' || v.noValue)
  }

  /** Saves the form (or, for a refused account, keeps it unresolved: the main process decides). */
  async function submit(form: EditableForm) {
    const payload = { ...typedForm(batch.value!.id, form), values: valuesToSubmit(form) }
    const result = await writes.run(() => bridge.invoke('readings.submitForm', payload))
    form.state = result.form.state
    form.problem = result.form.problem
    return result
  }

  async function setAside(form: EditableForm, finding: string | null) {
    const payload = { ...typedForm(batch.value!.id, form), finding }
    const result = await writes.run(() => bridge.invoke('readings.setAside', payload))
    form.state = result.form.state
    form.problem = result.form.problem
  }

  /** What finishing must ask about: forms typed halfway, and forms unresolved or set aside. */
  function pendingKinds() {
    const typed = forms.value.filter((f) => f.accountNumber.trim() !== '')
    return {
      drafts: typed.filter((f) => f.state === 'draft').length,
      unresolved: typed.filter((f) => f.state === 'unresolved' || f.state === 'setAside').length,
    }
  }

  async function finish(choices: { drafts: 'setAside' | 'discard'; unresolved: 'keep' | 'discard' }) {
    const batchId = batch.value!.id
    summary.value = await writes.run(async () => {
      // What was typed last is saved as a draft first, so the main process decides on all of it.
      for (const form of forms.value.filter((f) => f.state === 'draft' && f.accountNumber.trim()))
        await bridge.invoke('readings.saveDraft', typedForm(batchId, form))
      return bridge.invoke('readings.finishBatch', { batchId, ...choices })
    })
    batch.value = null
    forms.value = []
    contexts.value = {}
  }

  return {
    batch,
    forms,
    contexts,
    summary,
    othersOpen,
    load,
    loadOthersOpen,
    takeOver,
    takeUnresolved,
    open,
    addForm,
    draftChanged,
    loadContext,
    submit,
    setAside,
    pendingKinds,
    finish,
  }
})
