import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditFilter, AuditLine } from '@shared/contract'
import { bridge } from '../bridge'

const PAGE = 100

/** The Журнал: this console's audit trail in words, filtered, newest first, a page at a time. */
export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditLine[]>([])
  const nextBeforeId = ref<number | null>(null)
  const loading = ref(false)
  const folded = ref(0)
  const people = ref<{ login: string; name: string }[]>([])
  const actions = ref<{ command: string; name: string }[]>([])
  const filter = ref<AuditFilter>({
    staffLogin: null,
    command: null,
    accountNumber: null,
    from: null,
    to: null,
    showSignIns: false,
  })

  async function load(more = false) {
    loading.value = true
    try {
      const page = await bridge.invoke('audit.list', {
        ...filter.value,
        accountNumber: filter.value.accountNumber?.trim() || null,
        limit: PAGE,
        ...(more && nextBeforeId.value ? { beforeId: nextBeforeId.value } : {}),
      })
      rows.value = more ? [...rows.value, ...page.rows] : page.rows
      nextBeforeId.value = page.nextBeforeId
      folded.value = page.folded
      people.value = page.people
      actions.value = page.actions
    } finally {
      loading.value = false
    }
  }

  return { rows, nextBeforeId, loading, folded, people, actions, filter, load }
})
