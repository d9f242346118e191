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

export type EditableForm = Pick<BatchForm, 'position' | 'accountNumber' | 'values' | 'state' | 'problem'>

/**
 * The open batch of paper forms. Every change is saved as a draft shortly after it is typed, so a
 * crash or a closed window loses at most the last fraction of a second.
 */
export const useReadingBatchStore = defineStore('readingBatch', () => {
  const batch = ref<ReadingBatch | null>(null)
  const forms = ref<EditableForm[]>([])
  const contexts = ref<Record<number, ReadingFormContext | null>>({})
  const summary = ref<BatchSummary | null>(null)
  /** Supervisors only: other people's open batches, which they may take over. */
  const othersOpen = ref<OpenBatchListing[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  function adopt(next: ReadingBatch | null) {
    batch.value = next
    forms.value = next ? next.forms.map((f) => ({ ...f })) : []
    if (next && !forms.value.some((f) => f.state === 'draft')) addForm()
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

  async function open(receivedOn: string) {
    summary.value = null
    adopt(await bridge.invoke('readings.openBatch', { receivedOn }))
  }

  function addForm() {
    const position = forms.value.reduce((max, f) => Math.max(max, f.position + 1), 0)
    forms.value.push({ position, accountNumber: '', values: [], state: 'draft', problem: null })
  }

  function draftChanged(form: EditableForm) {
    if (!batch.value || form.state === 'saved') return
    const batchId = batch.value.id
    clearTimeout(timers.get(form.position))
    timers.set(
      form.position,
      setTimeout(() => {
        void bridge.invoke('readings.saveDraft', {
          batchId,
          position: form.position,
          accountNumber: form.accountNumber,
          values: form.values,
        })
      }, 250),
    )
  }

  async function loadContext(form: EditableForm): Promise<ReadingFormContext> {
    const context = await bridge.invoke('readings.formContext', {
      accountNumber: form.accountNumber,
      receivedOn: batch.value!.receivedOn,
    })
    contexts.value[form.position] = context
    const typed = new Map(form.values.map((v) => [v.meterId, v]))
    // Removed meters are listed too: an old paper form may still carry them, and the clerk must see
    // why a value typed there is refused rather than have it vanish (DOMAIN.md, "Meter readings").
    form.values = context.meters.map((m) => typed.get(m.id) ?? { meterId: m.id, value: '', confirmed: [] })
    draftChanged(form)
    return context
  }

  /** A removed meter's empty field is not a reading; anything typed there goes to the main process and is refused. */
  function valuesToSubmit(form: EditableForm) {
    const removed = new Set(
      contexts.value[form.position]?.meters.filter((m) => m.status === 'removed').map((m) => m.id),
    )
    return form.values.filter((v) => !removed.has(v.meterId) || v.value.trim() !== '')
  }

  async function submit(form: EditableForm) {
    clearTimeout(timers.get(form.position))
    const result = await bridge.invoke('readings.submitForm', {
      batchId: batch.value!.id,
      position: form.position,
      accountNumber: form.accountNumber,
      values: valuesToSubmit(form),
    })
    Object.assign(form, result.form)
    if (form === forms.value[forms.value.length - 1]) addForm()
    return result
  }

  async function finish() {
    summary.value = await bridge.invoke('readings.finishBatch', { batchId: batch.value!.id })
    batch.value = null
    forms.value = []
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
    open,
    addForm,
    draftChanged,
    loadContext,
    submit,
    finish,
  }
})
