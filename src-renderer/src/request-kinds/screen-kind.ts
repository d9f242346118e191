import type { Component } from 'vue'
import type { AccountCard, RequestDetail } from '@shared/contract'

/** A kind's words on the screens, one tree per locale (merged under `requests.kinds.<kind>`). */
export interface KindWords {
  /** In the queue, its filter and the request's header. */
  name: string
  /** In the card's list of the account's requests. */
  inCard: string
  /** Each document the kind asks for, as the checklist names it. */
  documents: Record<string, string>
  complete: {
    title: string
    /** The completion date's label. */
    date: string
    button: string
    confirmButton: string
  }
  /** The final readings' words, for a kind that asks for them. */
  readings?: { save: string; none: string; missing: string }
  /** The kind's own lines: its confirmation, its summary, its hints. */
  own?: Record<string, string>
  /** Its own fields' names, as a refusal of bad input names them (merged into `fields`). */
  fields?: Record<string, string>
}

/** What the completion's confirmation is told to say what will happen. */
export interface CompletionScene {
  request: RequestDetail
  /** The completion date, as the clerk reads dates. */
  date: string
  /** The new owner's full name as typed (a kind with a new owner). */
  ownerName: string
  /** The kind's own fields as the clerk completes them. */
  details: Record<string, unknown>
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * A kind's screens (docs/architecture.md#adding-a-request-kind): its words in both locales, what its
 * completion's confirmation says, and, for a kind with fields of its own, the component that edits
 * them (at the counter and at completion, `v-model:details`) and the one that shows them.
 */
export interface ScreenKind {
  words: { ru: KindWords; en: KindWords }
  consequences(scene: CompletionScene, t: Translate): string[]
  fields?: Component
  summary?: Component
  /** Completion shows a private house's balance (the closure letter states it). */
  showsBalance?: boolean
  /** A card alert that offers to start a request of this kind at the counter. */
  startedBy?: 'overdueVerification'
  /** The kind's fields filled from the card it was started from. */
  startDetails?(card: AccountCard): Record<string, unknown>
}
