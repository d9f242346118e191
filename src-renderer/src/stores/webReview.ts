import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { WebReviewItem } from '@shared/contract'
import { bridge } from '../bridge'
import { SHOWN } from './shown-entities'
import { useSyncStore } from './sync'

/** Readings from the website the automatic checks left for a person (docs/business-rules.md#meter-readings). */
export const useWebReviewStore = defineStore('webReview', () => {
  const items = ref<WebReviewItem[]>([])

  async function load() {
    items.value = await bridge.invoke('readings.webReview', {})
  }

  async function decide(webReadingId: number, decision: 'accept' | 'reject', reason: string) {
    try {
      await bridge.invoke('readings.reviewWeb', { webReadingId, decision, reason })
    } finally {
      // Decided here or already elsewhere: either way the list is redrawn from the database.
      await load()
    }
  }

  // A sync that brought new web readings (or decisions made elsewhere) redraws the list.
  useSyncStore().onChange(SHOWN.webReadings, () => {
    if (items.value.length) void load()
  })

  return { items, load, decide }
})
