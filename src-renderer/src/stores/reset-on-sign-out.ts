import type { PiniaPluginContext } from 'pinia'

/**
 * Sign-out empties every store (docs/business-rules.md#finding-the-callers-account): the next person at this
 * console sees nothing of the previous one's searches, cards or batches. Each store's state as first
 * created is kept, and `resetStores()` puts every store back to it. The session store manages the
 * sign-out itself and is left alone.
 */
const resets: (() => void)[] = []

export function resetOnSignOut({ store }: PiniaPluginContext): void {
  if (store.$id === 'session') return
  // Read through the reactive state, which unwraps a setup store's refs into plain values.
  const initial = JSON.stringify(store.$state)
  resets.push(() => store.$patch((state) => Object.assign(state, JSON.parse(initial) as object)))
}

export function resetStores(): void {
  for (const reset of resets) reset()
}
