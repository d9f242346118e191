import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ChannelInput, InboxView, QuestionDetail, QuestionItem, ReplyTemplate } from '@shared/contract'
import { bridge } from '../bridge'
import { useSessionStore } from './session'

type Counts = { new: number; mine: number; waiting: number; overdue: number }

/**
 * Drafts survive a refused send, a switch of questions, a reload of the window and a crash: each is
 * kept in the window's storage under the person and the question until it is sent.
 */
function draftKey(login: string, questionId: number, kind: 'answer' | 'note') {
  return `vodokanal.draft.${login}.question.${questionId}.${kind}`
}

/** The questions inbox (docs/business-rules.md#subscribers-questions): the view shown, its search, and the question open. */
export const useQuestionsStore = defineStore('questions', () => {
  const session = useSessionStore()
  const view = ref<InboxView>('new')
  const search = ref('')
  const items = ref<QuestionItem[]>([])
  const total = ref(0)
  const counts = ref<Counts>({ new: 0, mine: 0, waiting: 0, overdue: 0 })
  const opened = ref<QuestionDetail | null>(null)
  const templates = ref<ReplyTemplate[]>([])

  /** The last request wins: a reply to an older search arriving late is dropped. */
  let asked = 0
  async function load() {
    const ticket = ++asked
    const answer = await bridge.invoke('questions.inbox', { view: view.value, search: search.value })
    if (ticket !== asked) return
    items.value = answer.items
    total.value = answer.total
    counts.value = answer.counts
  }

  async function refreshCounts() {
    // Called on sync events too: a timer's call, not the person's.
    counts.value = (
      await bridge.invoke('questions.inbox', { view: 'new', limit: 1 }, { background: true })
    ).counts
  }

  async function loadTemplates() {
    templates.value = (await bridge.invoke('questions.templates', {})).items
  }

  /** A claim lasts 15 minutes; while the question stays open here it is renewed well before that. */
  let renewal: ReturnType<typeof setInterval> | null = null
  const RENEW_MS = 5 * 60_000

  async function open(questionId: number) {
    if (opened.value && opened.value.id !== questionId) await close()
    opened.value = await bridge.invoke('questions.open', { questionId })
    if (renewal) clearInterval(renewal)
    renewal = setInterval(() => {
      const current = opened.value
      if (current && current.due !== 'done')
        void bridge
          .invoke('questions.open', { questionId: current.id }, { background: true })
          .catch(() => undefined)
    }, RENEW_MS)
  }

  async function refresh() {
    if (opened.value) opened.value = await bridge.invoke('questions.detail', { questionId: opened.value.id })
  }

  async function close() {
    const current = opened.value
    opened.value = null
    if (renewal) clearInterval(renewal)
    renewal = null
    if (current) await bridge.invoke('questions.release', { questionId: current.id })
  }

  function draft(questionId: number, kind: 'answer' | 'note'): string {
    return localStorage.getItem(draftKey(session.staff?.login ?? '', questionId, kind)) ?? ''
  }
  function keepDraft(questionId: number, kind: 'answer' | 'note', text: string) {
    const key = draftKey(session.staff?.login ?? '', questionId, kind)
    if (text) localStorage.setItem(key, text)
    else localStorage.removeItem(key)
  }

  async function answer(body: string, then: 'answered' | 'waiting') {
    const current = opened.value
    if (!current) return
    const outcome = await bridge.invoke('questions.answer', {
      questionId: current.id,
      body,
      then,
      seenMessageId: current.lastMessageId,
    })
    keepDraft(current.id, 'answer', '')
    await refresh()
    return outcome
  }

  async function note(body: string) {
    const current = opened.value
    if (!current) return
    await bridge.invoke('questions.note', { questionId: current.id, body })
    keepDraft(current.id, 'note', '')
    await refresh()
  }

  async function link(accountNumber: string | null) {
    if (!opened.value) return
    await bridge.invoke('questions.link', { questionId: opened.value.id, accountNumber })
    await refresh()
  }

  /** Several questions at once (the bulk bar), or the opened one: assigned, closed, noted. */
  const assign = (questionIds: number[], to: string | null) =>
    bridge.invoke('questions.assign', { questionIds, to })
  const takeOver = (questionId: number) => bridge.invoke('questions.takeOver', { questionId })
  const closeQuestions = (input: ChannelInput<'questions.close'>) => bridge.invoke('questions.close', input)
  const noteMany = (questionIds: number[], body: string) =>
    bridge.invoke('questions.noteMany', { questionIds, body })
  /** A question taken by phone or at the counter. */
  const log = (input: ChannelInput<'questions.log'>) => bridge.invoke('questions.log', input)
  const saveTemplate = (input: ChannelInput<'questions.saveTemplate'>) =>
    bridge.invoke('questions.saveTemplate', input)
  const removeTemplate = (id: number) => bridge.invoke('questions.removeTemplate', { id })
  const settings = () => bridge.invoke('questions.settings', {})
  const saveSettings = (input: ChannelInput<'questions.saveSettings'>) =>
    bridge.invoke('questions.saveSettings', input)
  /** New questions assigned to someone: `handler` hears whose and how many. */
  const onAssigned = (handler: (assigned: { login: string; questions: number }) => void) =>
    bridge.on('work.assigned', handler)

  return {
    assign,
    takeOver,
    closeQuestions,
    noteMany,
    log,
    saveTemplate,
    removeTemplate,
    settings,
    saveSettings,
    onAssigned,
    view,
    search,
    items,
    total,
    counts,
    opened,
    templates,
    load,
    refreshCounts,
    loadTemplates,
    open,
    refresh,
    close,
    draft,
    keepDraft,
    answer,
    note,
    link,
  }
})
