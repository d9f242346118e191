import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UpdateStatus } from '@shared/contract'
import { bridge } from '../bridge'

/** Where this console's updating stands; the main process pushes every change. */
export const useUpdatesStore = defineStore('updates', () => {
  const status = ref<UpdateStatus | null>(null)
  bridge.on('updates.status', (next) => {
    status.value = next
  })

  async function load() {
    status.value = await bridge.invoke('updates.status', {})
  }

  async function check() {
    status.value = await bridge.invoke('updates.check', {})
  }

  /** The user's restart; the answer says whether open work held it back. */
  async function restart() {
    return (await bridge.invoke('updates.restart', {})).outcome
  }

  return { status, load, check, restart }
})
