import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RegistrationItem } from '@shared/contract'
import { bridge } from '../bridge'
import { SHOWN } from './shown-entities'
import { useSyncStore } from './sync'

export type RegistrationFilter = 'all' | 'allPassed' | 'needsAttention'

/** The clerks' confirmation queue of web registrations (docs/business-rules.md#web-registrations). */
export const useRegistrationsStore = defineStore('registrations', () => {
  const items = ref<RegistrationItem[]>([])
  const total = ref(0)
  const pendingCount = ref<number | null>(null)
  const filter = ref<RegistrationFilter>('all')
  const minAgeDays = ref(0)
  const opened = ref<RegistrationItem | null>(null)
  /** Rejection reasons as typed, per registration: a failed decision or a switch of rows keeps them. */
  const reasons = ref<Record<number, string>>({})
  let loaded = false

  const confirmable = computed(() => items.value.filter((item) => item.allPassed && !item.takenBy))

  async function load() {
    const queue = await bridge.invoke('registrations.queue', {
      filter: filter.value,
      minAgeDays: minAgeDays.value,
    })
    items.value = queue.items
    total.value = queue.total
    pendingCount.value = queue.total
    loaded = true
  }

  async function refreshCount() {
    pendingCount.value = (await bridge.invoke('registrations.pendingCount', {}, { background: true })).pending
  }

  /** A claim lasts 15 minutes; while the clerk keeps one open it is renewed well before that. */
  let renewal: ReturnType<typeof setInterval> | null = null
  const RENEW_MS = 5 * 60_000

  async function open(registrationId: number) {
    if (opened.value && opened.value.id !== registrationId) await close()
    opened.value = await bridge.invoke('registrations.open', { registrationId })
    if (renewal) clearInterval(renewal)
    renewal = setInterval(() => {
      if (opened.value?.state === 'pending')
        void bridge
          .invoke('registrations.open', { registrationId: opened.value.id }, { background: true })
          .catch(() => undefined)
    }, RENEW_MS)
  }

  async function close() {
    const current = opened.value
    opened.value = null
    if (renewal) clearInterval(renewal)
    renewal = null
    if (current?.state === 'pending')
      await bridge.invoke('registrations.close', { registrationId: current.id })
  }

  async function decide(decision: 'confirm' | 'reject') {
    const current = opened.value
    if (!current) return
    try {
      if (decision === 'confirm')
        await bridge.invoke('registrations.decide', { registrationId: current.id, decision })
      else
        await bridge.invoke('registrations.decide', {
          registrationId: current.id,
          decision,
          reason: reasons.value[current.id] ?? '',
        })
      delete reasons.value[current.id]
      opened.value = null
      if (renewal) clearInterval(renewal)
      renewal = null
    } finally {
      // Decided here or already elsewhere: the queue is redrawn from the database either way.
      await load()
    }
  }

  async function confirmAll() {
    const ids = confirmable.value.map((item) => item.id)
    try {
      return await bridge.invoke('registrations.confirmAll', { registrationIds: ids })
    } finally {
      await load()
    }
  }

  // New registrations, claims and decisions from other consoles arrive with sync.
  useSyncStore().onChange(SHOWN.registrations, () => {
    void (loaded ? load() : refreshCount()).catch(() => undefined)
  })

  return {
    items,
    total,
    pendingCount,
    filter,
    minAgeDays,
    opened,
    reasons,
    confirmable,
    load,
    refreshCount,
    open,
    close,
    decide,
    confirmAll,
  }
})
