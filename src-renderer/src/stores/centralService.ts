import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CentralServiceInput, CentralServiceView, ConsoleList, MadeAloneItem } from '@shared/contract'
import { bridge } from '../bridge'

/**
 * This console's link to the utility's central service: enrolment (from the settings, or instead of a
 * local first supervisor on a brand-new console), and the supervisors' list of enrolled consoles.
 */
export const useCentralServiceStore = defineStore('centralService', () => {
  const view = ref<CentralServiceView | null>(null)
  const consoles = ref<ConsoleList>([])
  /** Work made before the console was enrolled, waiting for the supervisor's word. */
  const madeAlone = ref<MadeAloneItem[]>([])

  /** The address (and CA) the console was started with, to prefill the enrolment form. */
  async function suggestion() {
    return bridge.invoke('sync.suggested', {})
  }

  async function load() {
    view.value = await bridge.invoke('sync.connection', {})
  }

  async function enrol(service: CentralServiceInput) {
    view.value = await bridge.invoke('sync.configure', { service })
  }

  async function enrolNew(service: CentralServiceInput) {
    view.value = await bridge.invoke('sync.enrolNew', { service })
  }

  async function forget() {
    view.value = await bridge.invoke('sync.configure', { service: null })
    consoles.value = []
  }

  async function loadConsoles(background = false) {
    consoles.value = await bridge.invoke('sync.consoles', {}, { background })
  }

  async function revoke(consoleId: string) {
    consoles.value = await bridge.invoke('sync.revokeConsole', { consoleId })
  }

  async function loadMadeAlone() {
    madeAlone.value = await bridge.invoke('sync.madeAlone', {})
  }

  async function acceptMadeAlone(commandIds: string[]) {
    await bridge.invoke('sync.acceptMadeAlone', { commandIds })
    await loadMadeAlone()
  }

  async function discardMadeAlone(commandIds: string[]) {
    await bridge.invoke('sync.discardMadeAlone', { commandIds })
    await loadMadeAlone()
  }

  return {
    view,
    consoles,
    madeAlone,
    suggestion,
    load,
    enrol,
    enrolNew,
    forget,
    loadConsoles,
    revoke,
    loadMadeAlone,
    acceptMadeAlone,
    discardMadeAlone,
  }
})
