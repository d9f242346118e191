import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SyncStatus } from '@shared/contract'
import { bridge } from '../bridge'

export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null)
  bridge.on('sync.status', (next) => {
    status.value = next
  })

  async function refresh() {
    status.value = await bridge.invoke('sync.status', {})
  }

  return { status, refresh }
})
