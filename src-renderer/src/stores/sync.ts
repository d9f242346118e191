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

  /**
   * Calls `handler` when rows of one of `entities` changed (row-key entities: 'account', 'question',
   * 'claim'…), whether by sync or by a command on this console; answers how to stop.
   */
  function onChange(entities: readonly string[], handler: () => void): () => void {
    return bridge.on('data.changed', (changed) => {
      if (changed.entities.some((entity) => entities.includes(entity))) handler()
    })
  }

  return { status, refresh, onChange }
})
