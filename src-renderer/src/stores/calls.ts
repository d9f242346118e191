import { defineStore } from 'pinia'
import { ref } from 'vue'
import { bridge } from '../bridge'

/**
 * Incoming calls a softphone or a PBX hands the console (docs/screen-pop.md): the latest one waits
 * here until the operator opens it or it is answered by opening it at once.
 */
export const useCallsStore = defineStore('calls', () => {
  /** A call not opened at once, because the operator was typing: said, never taking the focus. */
  const waiting = ref<string | null>(null)
  const onIncoming = (handler: (phone: string) => void): (() => void) =>
    bridge.on('call.incoming', ({ phone }) => handler(phone))
  return { waiting, onIncoming }
})
