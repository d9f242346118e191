import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditEntry } from '@shared/contract'
import { bridge } from '../bridge'

const PAGE = 100

export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditEntry[]>([])
  const nextBeforeId = ref<number | null>(null)
  const loading = ref(false)

  async function load(more = false) {
    loading.value = true
    try {
      const page = await bridge.invoke('audit.list', {
        limit: PAGE,
        ...(more && nextBeforeId.value ? { beforeId: nextBeforeId.value } : {}),
      })
      rows.value = more ? [...rows.value, ...page.rows] : page.rows
      nextBeforeId.value = page.nextBeforeId
    } finally {
      loading.value = false
    }
  }

  return { rows, nextBeforeId, loading, load }
})
