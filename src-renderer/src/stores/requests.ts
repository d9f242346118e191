import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RequestItem } from '@shared/contract'
import { bridge } from '../bridge'

export type RequestFilter = {
  state: RequestItem['state'] | 'all'
  kind: RequestItem['kind'] | 'all'
  overdueOnly: boolean
}

/** The queue of closure and re-registration requests (DOMAIN.md), oldest first. */
export const useRequestsStore = defineStore('requests', () => {
  const items = ref<RequestItem[]>([])
  const opened = ref<RequestItem | null>(null)
  const filter = ref<RequestFilter>({ state: 'all', kind: 'all', overdueOnly: false })
  /** What a clerk typed for a step, per request: a refused step or a switch of rows keeps it. */
  const reasons = ref<Record<number, string>>({})

  const newCount = computed(() => items.value.filter((item) => item.state === 'new').length)
  const shown = computed(() =>
    items.value.filter(
      (item) =>
        (filter.value.state === 'all' || item.state === filter.value.state) &&
        (filter.value.kind === 'all' || item.kind === filter.value.kind) &&
        (!filter.value.overdueOnly || item.due === 'overdue'),
    ),
  )

  async function load() {
    items.value = (await bridge.invoke('requests.queue', {})).items
    if (opened.value) opened.value = items.value.find((item) => item.id === opened.value!.id) ?? opened.value
  }

  async function open(requestId: number) {
    if (opened.value && opened.value.id !== requestId) await close()
    opened.value = await bridge.invoke('requests.open', { requestId })
  }

  async function close() {
    const current = opened.value
    opened.value = null
    if (current) await bridge.invoke('requests.close', { requestId: current.id })
  }

  async function step(
    to: 'in_review' | 'awaiting_documents' | 'approved' | 'rejected',
    missing: string[] = [],
  ) {
    const current = opened.value
    if (!current) return
    await bridge.invoke('requests.step', {
      requestId: current.id,
      to,
      reason: reasons.value[current.id]?.trim() || null,
      missing,
    })
    delete reasons.value[current.id]
    await load()
  }

  return { items, opened, filter, reasons, newCount, shown, load, open, close, step }
})
