import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CommandRefusal, SyncConflict } from '@shared/contract'
import { bridge } from '../bridge'
import { useSessionStore } from './session'

/** What sync could not settle by itself: conflicts for supervisors, refusals for everyone. */
export const useConflictsStore = defineStore('conflicts', () => {
  const conflicts = ref<SyncConflict[]>([])
  const refusals = ref<CommandRefusal[]>([])
  const notes = ref<Record<number, string>>({})

  async function load() {
    const session = useSessionStore()
    refusals.value = await bridge.invoke('sync.refusals', {})
    conflicts.value = session.isSupervisor ? await bridge.invoke('conflicts.list', {}) : []
  }

  async function resolve(conflictId: number, keep: 'central' | 'console') {
    try {
      await bridge.invoke('conflicts.resolve', { conflictId, keep, note: notes.value[conflictId] ?? '' })
      delete notes.value[conflictId]
    } finally {
      await load()
    }
  }

  return { conflicts, refusals, notes, load, resolve }
})
