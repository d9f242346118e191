import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ChannelInput, RequestDetail, RequestItem } from '@shared/contract'
import { bridge } from '../bridge'

export type RequestFilter = {
  state: RequestItem['state'] | 'all'
  kind: RequestItem['kind'] | 'all'
  overdueOnly: boolean
  mineOnly: boolean
}

type Step = ChannelInput<'requests.step'>['to']

/** The queue of closure and re-registration requests (docs/business-rules.md#closure-and-re-registration-requests), oldest first, and the one open. */
export const useRequestsStore = defineStore('requests', () => {
  const items = ref<RequestItem[]>([])
  const opened = ref<RequestDetail | null>(null)
  const filter = ref<RequestFilter>({ state: 'all', kind: 'all', overdueOnly: false, mineOnly: false })
  /** What a clerk typed for a step, per request: a refused step or a switch of requests keeps it. */
  const reasons = ref<Record<number, string>>({})

  const newCount = computed(() => items.value.filter((item) => item.state === 'new').length)
  const shown = computed(() =>
    items.value.filter(
      (item) =>
        (filter.value.state === 'all' || item.state === filter.value.state) &&
        (filter.value.kind === 'all' || item.kind === filter.value.kind) &&
        (!filter.value.overdueOnly || item.due === 'overdue') &&
        (!filter.value.mineOnly || item.mine),
    ),
  )

  async function load() {
    items.value = (await bridge.invoke('requests.queue', {})).items
  }

  /**
   * A claim lasts 15 minutes; reading a request's scans can take longer, so while the request is open
   * here the claim is renewed well before that (as registrations do).
   */
  let renewal: ReturnType<typeof setInterval> | null = null
  const RENEW_MS = 5 * 60_000

  async function open(requestId: number) {
    if (opened.value && opened.value.id !== requestId) await close()
    opened.value = await bridge.invoke('requests.open', { requestId })
    if (renewal) clearInterval(renewal)
    renewal = setInterval(() => {
      const current = opened.value
      if (current && current.state !== 'completed' && current.state !== 'rejected')
        void bridge
          .invoke('requests.open', { requestId: current.id }, { background: true })
          .catch(() => undefined)
    }, RENEW_MS)
  }

  /** The open request again, as the central database now has it (after a step, or a sync). */
  async function refresh() {
    if (opened.value) opened.value = await bridge.invoke('requests.detail', { requestId: opened.value.id })
  }

  async function close() {
    const current = opened.value
    opened.value = null
    if (renewal) clearInterval(renewal)
    renewal = null
    if (current) await bridge.invoke('requests.close', { requestId: current.id })
  }

  async function step(to: Step, missing: string[] = []) {
    const current = opened.value
    if (!current) return
    await bridge.invoke('requests.step', {
      requestId: current.id,
      to,
      reason: reasons.value[current.id]?.trim() || null,
      missing,
    })
    delete reasons.value[current.id]
    await refresh()
  }

  async function saveChecklist(checks: RequestDetail['checklist']) {
    if (!opened.value) return
    await bridge.invoke('requests.checklist', { requestId: opened.value.id, checks })
    await refresh()
  }

  async function complete(input: Omit<ChannelInput<'requests.complete'>, 'requestId'>) {
    if (!opened.value) return
    const answer = await bridge.invoke('requests.complete', { requestId: opened.value.id, ...input })
    await refresh()
    return answer
  }

  /** The decision letter of the opened request, printed (PDF). */
  const decision = (requestId: number) => bridge.invoke('requests.decision', { requestId })
  /** A scan attached to a request. */
  const document = (documentId: number) => bridge.invoke('requests.document', { documentId })
  /** A request taken at the counter. */
  const register = (input: ChannelInput<'requests.register'>) => bridge.invoke('requests.register', input)

  return {
    decision,
    document,
    register,
    items,
    opened,
    filter,
    reasons,
    newCount,
    shown,
    load,
    open,
    refresh,
    close,
    step,
    saveChecklist,
    complete,
  }
})
