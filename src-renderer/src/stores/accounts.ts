import { defineStore } from 'pinia'
import { ref } from 'vue'
import { SEARCH_QUERY_MAX, type AccountCard, type AccountHit, type ChannelInput } from '@shared/contract'
import { bridge } from '../bridge'
import { SHOWN } from './shown-entities'
import { useSyncStore } from './sync'

export interface RecentAccount {
  id: number
  number: string
  owner: string
  address: string
  status: 'active' | 'closed'
}

const RECENT_LIMIT = 10

export const useAccountsStore = defineStore('accounts', () => {
  const query = ref('')
  const understood = ref<'empty' | 'digits' | 'email' | 'text'>('empty')
  const hits = ref<AccountHit[]>([])
  /** How many match in all, and the streets most of them are on, when the list is cut. */
  const total = ref(0)
  const streets = ref<string[]>([])
  /** One-key narrowing of a long list; cleared with the query. */
  const filters = ref<{ status: 'active' | null; street: string | null }>({ status: null, street: null })
  const searching = ref(false)
  /** The box holds more than a query may be (SEARCH_QUERY_MAX): the screen says so. */
  const tooLong = ref(false)
  const card = ref<AccountCard | null>(null)
  /**
   * The accounts this person opened, newest first (docs/business-rules.md#finding-the-callers-account): a
   * caller who rings back is one key away. Kept in this console's memory only; sign-out empties it.
   */
  const recent = ref<RecentAccount[]>([])
  /** Fields of the open card another console just changed: marked for a moment. */
  const changedFields = ref<string[]>([])
  let latest = 0
  let unmark: ReturnType<typeof setTimeout> | null = null
  let editing = false

  /**
   * The open card follows the central data: when sync brings a change to this account, the card is
   * read again and what changed is marked (docs/business-rules.md#finding-the-callers-account).
   */
  async function refreshOpenCard() {
    const shown = card.value
    // This person's own edit answers with the new card itself: nothing to mark.
    if (!shown || editing) return
    const fresh = await bridge.invoke('accounts.card', { accountId: shown.account.id })
    if (card.value !== shown || JSON.stringify(fresh) === JSON.stringify(shown)) return
    const before = shown.account as Record<string, unknown>
    const after = fresh.account as Record<string, unknown>
    changedFields.value = Object.keys(after).filter((key) => key !== 'version' && after[key] !== before[key])
    card.value = fresh
    if (unmark) clearTimeout(unmark)
    unmark = setTimeout(() => (changedFields.value = []), 4_000)
  }
  useSyncStore().onChange(SHOWN.card, () => void refreshOpenCard().catch(() => undefined))

  /** As-you-type search: an answer to an older keystroke never overwrites a newer one. */
  async function search(text: string) {
    if (!text.trim()) filters.value = { status: null, street: null }
    query.value = text
    const ticket = ++latest
    // Too long to be a query: nothing is asked, and no list from a shorter one stays as if it answered.
    tooLong.value = text.length > SEARCH_QUERY_MAX
    if (tooLong.value) {
      hits.value = []
      total.value = 0
      searching.value = false
      return
    }
    searching.value = true
    try {
      const result = await bridge.invoke('accounts.search', { query: text, ...filters.value })
      if (ticket !== latest) return
      understood.value = result.understood
      hits.value = result.hits
      total.value = result.total
      // Street keys stay put while a street filter is on, so the same key takes it off again.
      if (!filters.value.street) streets.value = result.streets
    } finally {
      if (ticket === latest) searching.value = false
    }
  }

  /** Narrows (or widens again) the current list; the same key toggles. */
  async function narrow(change: { status?: 'active' | null; street?: string | null }) {
    filters.value = { ...filters.value, ...change }
    await search(query.value)
  }

  async function open(accountId: number) {
    card.value = await bridge.invoke('accounts.card', { accountId })
    const { account } = card.value
    const owner = [account.surname, account.firstName, account.patronymic].filter(Boolean).join(' ')
    recent.value = [
      { id: account.id, number: account.number, owner, address: account.address, status: account.status },
      ...recent.value.filter((r) => r.id !== account.id),
    ].slice(0, RECENT_LIMIT)
  }

  async function updateContacts(edit: ChannelInput<'accounts.updateContacts'>) {
    editing = true
    try {
      card.value = await bridge.invoke('accounts.updateContacts', edit)
    } finally {
      editing = false
    }
  }

  async function sendPasswordReset(accountId: number) {
    const { email } = await bridge.invoke('accounts.sendPasswordReset', { accountId, callerVerified: true })
    if (card.value?.account.id === accountId) await open(accountId)
    return email
  }

  /** A note pinned on the account for the next operator; the card shows it once the database has it. */
  async function addNote(accountId: number, body: string) {
    const answer = await bridge.invoke('accounts.addNote', { accountId, body })
    if (card.value?.account.id === accountId) await open(accountId)
    return answer
  }
  async function unpinNote(noteId: number) {
    await bridge.invoke('accounts.unpinNote', { noteId })
    if (card.value) await open(card.value.account.id)
  }

  /** Another account's card, read for a screen beside the search (a request's account), not shown here. */
  const cardOf = (accountId: number) => bridge.invoke('accounts.card', { accountId })

  return {
    cardOf,
    query,
    understood,
    hits,
    total,
    streets,
    filters,
    searching,
    tooLong,
    card,
    recent,
    changedFields,
    search,
    narrow,
    open,
    updateContacts,
    sendPasswordReset,
    addNote,
    unpinNote,
  }
})
