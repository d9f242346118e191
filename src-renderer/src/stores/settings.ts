import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConsoleSettings } from '@shared/contract'
import { bridge } from '../bridge'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<ConsoleSettings | null>(null)

  async function load() {
    settings.value = await bridge.invoke('settings.get', {})
  }

  async function save(next: Partial<ConsoleSettings>) {
    settings.value = await bridge.invoke('settings.update', next)
  }

  return { settings, load, save }
})
