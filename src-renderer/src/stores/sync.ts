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

  /** Calls `handler` whenever sync reports (new rows may have arrived); answers how to stop. */
  function onChange(handler: () => void): () => void {
    return bridge.on('sync.status', handler)
  }

  return { status, refresh, onChange }
})
