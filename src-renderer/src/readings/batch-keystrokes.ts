import { BATCH_FIELD_MAX } from '@shared/contract'

/**
 * Where every key of the paper-form batch goes (docs/business-rules.md#meter-readings).
 *
 * The rule is "as if every answer came at once": keys are handled one at a time, in the order they
 * were pressed, each in the state the screen would be in had every earlier account look-up and save
 * already been answered. While an answer is awaited, later keys wait in a queue and are replayed when
 * it comes, so typing at 30 ms a key gives exactly the rows typing at 200 ms gives. Nothing here knows
 * Vue or the DOM: the screen supplies the ports, and tests supply fakes with answers held back at will.
 */

export type BatchFormState = 'draft' | 'saved' | 'unresolved' | 'setAside' | 'discarded'

export interface TypedValue {
  meterId: number
  value: string
  confirmed: string[]
  replaceReason?: string
  /** The meter was left blank on the form: "not passed", never a zero. */
  noValue?: boolean
}

export interface RoutedForm {
  position: number
  accountNumber: string
  values: TypedValue[]
  state: BatchFormState
  problem: { code: string; params?: Record<string, unknown> } | null
  /** The blank meter being asked "не передано?" (Enter on a blank value). */
  askingBlank?: number | null
}

export type Cursor =
  { position: number; field: 'account' } | { position: number; field: 'value' | 'reason'; meterId: number }

export type BatchKey =
  | { kind: 'char'; text: string }
  | { kind: 'backspace' }
  /** Ctrl+A: the next character replaces the field, Backspace empties it. */
  | { kind: 'selectAll' }
  /** Enter; with Ctrl, it also confirms the field's warnings. */
  | { kind: 'enter'; confirm: boolean }
  /** "-" on a blank meter: not passed. */
  | { kind: 'noValue' }
  /** F8: set the form aside, unresolved, to come back to within the batch. */
  | { kind: 'setAside' }
  /** A click into a field: later keys go there. */
  | { kind: 'focus'; cursor: Cursor }

/** What the screen knows about one typed value, from the shared reading checks. */
export type ValueCheck =
  | { kind: 'blank'; removed: boolean }
  | { kind: 'refused'; code: string }
  | { kind: 'blocked'; code: string }
  | { kind: 'ok'; warnings: string[]; needsReason: boolean }

export type LookupAnswer =
  { ok: true; meterIds: number[] } | { ok: false; problem: NonNullable<RoutedForm['problem']> }

export type SaveAnswer =
  | { state: 'saved' }
  | { state: 'unresolved'; problem: NonNullable<RoutedForm['problem']> }
  /** Not answered (no connection to the console's core): the form stays as it is, to try again. */
  | { state: 'failed' }

export interface BatchPorts {
  /** The batch's forms, in order; the router edits them in place. */
  forms(): RoutedForm[]
  /** Appends an empty draft form and answers it. */
  addForm(): RoutedForm
  lookup(form: RoutedForm): Promise<LookupAnswer>
  check(form: RoutedForm, meterId: number): ValueCheck
  save(form: RoutedForm): Promise<SaveAnswer>
  /** Keeps the form in the batch, unresolved, with the reason (refused account, removed meter, set aside). */
  keepUnresolved(
    form: RoutedForm,
    state: 'unresolved' | 'setAside',
    problem: NonNullable<RoutedForm['problem']>,
  ): Promise<void>
  /** A change to a draft, to be saved as typed. */
  changed(form: RoutedForm): void
  /** A key could not do what it asks (Enter held back by a check): flash the field, beep. */
  refuse(cursor: Cursor): void
  /** The screen catches up with the cursor (focus); awaited before the next key is handled. */
  settled(cursor: Cursor): Promise<void>
  /** Whether keys are being handled or wait (the screen shows it; tests wait for it to end). */
  busyChanged?(busy: boolean): void
}

export class BatchKeystrokes {
  cursor: Cursor
  private readonly queue: BatchKey[] = []
  private draining = false
  private replaceNext = false
  private idleWaiters: (() => void)[] = []

  constructor(
    private readonly ports: BatchPorts,
    start: Cursor,
  ) {
    this.cursor = start
  }

  /** True while a key is being handled or waits: the screen must route every key through `press`. */
  get busy(): boolean {
    return this.draining
  }

  press(key: BatchKey): void {
    this.queue.push(key)
    if (!this.draining) void this.drain()
  }

  /** Resolves once every key pressed so far has been handled. */
  idle(): Promise<void> {
    if (!this.draining) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private async drain(): Promise<void> {
    this.draining = true
    this.ports.busyChanged?.(true)
    try {
      for (let key = this.queue.shift(); key; key = this.queue.shift()) {
        await this.handle(key)
        await this.ports.settled(this.cursor)
      }
    } finally {
      this.draining = false
      this.ports.busyChanged?.(false)
      const waiters = this.idleWaiters
      this.idleWaiters = []
      waiters.forEach((resolve) => resolve())
    }
  }

  private form(position = this.cursor.position): RoutedForm | undefined {
    return this.ports.forms().find((f) => f.position === position)
  }

  private async handle(key: BatchKey): Promise<void> {
    if (key.kind === 'focus') {
      const target = this.form(key.cursor.position)
      if (target && target.state !== 'saved' && target.state !== 'discarded') this.cursor = key.cursor
      this.replaceNext = false
      return
    }
    const form = this.form()
    if (!form || form.state === 'saved' || form.state === 'discarded') {
      // A finished form takes no keys: they belong to the next one, never to the floor.
      this.toNextForm()
      return this.handle(key)
    }
    switch (key.kind) {
      case 'char':
      case 'backspace':
        return this.edit(form, key.kind === 'char' ? key.text : null)
      case 'selectAll':
        this.replaceNext = true
        return
      case 'noValue':
        return this.markNoValue(form)
      case 'setAside':
        return this.setAside(form)
      case 'enter':
        return this.enter(form, key.confirm)
    }
  }

  /**
   * Types a character (or removes the last one) in the cursor's field; the form becomes a draft again.
   * A character past the field's length is refused, as the field itself refuses it when typed into.
   */
  private edit(form: RoutedForm, text: string | null): void {
    const cursor = this.cursor
    const entry = cursor.field === 'account' ? null : form.values.find((v) => v.meterId === cursor.meterId)
    if (cursor.field !== 'account' && !entry) return
    const current =
      cursor.field === 'account'
        ? form.accountNumber
        : cursor.field === 'value'
          ? entry!.value
          : (entry!.replaceReason ?? '')
    const base = this.replaceNext ? '' : current
    const next = text === null ? base.slice(0, -1) : base + text
    if (next.length > BATCH_FIELD_MAX[cursor.field]) return this.ports.refuse(cursor)
    if (cursor.field === 'account') form.accountNumber = next
    else if (cursor.field === 'value') entry!.value = next
    else entry!.replaceReason = next
    this.afterNativeEdit(form)
  }

  /**
   * What any edit of the cursor's field means, whoever typed it (the router, or the browser while
   * idle): the form is a draft again, a blank question is answered by typing, and a changed account
   * number drops the old account's meters.
   */
  afterNativeEdit(form: RoutedForm): void {
    const cursor = this.cursor
    if (cursor.position !== form.position) return
    if (cursor.field === 'account') form.values = []
    else if (cursor.field === 'value') {
      const entry = form.values.find((v) => v.meterId === cursor.meterId)
      if (entry) entry.noValue = false
      if (form.askingBlank === cursor.meterId) form.askingBlank = null
    }
    this.replaceNext = false
    form.state = 'draft'
    form.problem = null
    this.ports.changed(form)
  }

  /**
   * "-" answers "не передано?" (asked by Enter on a blank value). Typed first into a blank value it is
   * just a character: followed by digits it is a negative reading, which the checks refuse; alone, its
   * Enter means "not passed" (see `enter`). Never does it end the form and leave the digits after it to
   * start another one.
   */
  private markNoValue(form: RoutedForm): Promise<void> | void {
    const cursor = this.cursor
    if (cursor.field !== 'value') return this.edit(form, '-')
    const entry = form.values.find((v) => v.meterId === cursor.meterId)
    if (!entry || entry.value.trim() !== '' || form.askingBlank !== cursor.meterId)
      return this.edit(form, '-')
    return this.notPassed(form, entry)
  }

  private notPassed(form: RoutedForm, entry: TypedValue): Promise<void> {
    entry.value = ''
    entry.noValue = true
    entry.confirmed = []
    form.askingBlank = null
    this.ports.changed(form)
    return this.advanceFrom(form, entry.meterId)
  }

  private async setAside(form: RoutedForm): Promise<void> {
    if (!form.accountNumber.trim()) return this.ports.refuse(this.cursor)
    const cursor = this.cursor
    const check = cursor.field === 'account' ? null : this.ports.check(form, cursor.meterId)
    const finding = check && (check.kind === 'blocked' || check.kind === 'refused') ? check.code : null
    const problem = { code: 'SET_ASIDE', params: finding ? { finding } : {} }
    form.state = 'setAside'
    form.problem = problem
    form.askingBlank = null
    await this.ports.keepUnresolved(form, 'setAside', problem)
    this.toNextForm()
  }

  private async enter(form: RoutedForm, confirm: boolean): Promise<void> {
    const cursor = this.cursor
    this.replaceNext = false
    if (cursor.field === 'account') return this.lookUp(form)
    const entry = form.values.find((v) => v.meterId === cursor.meterId)
    if (!entry) return
    if (cursor.field === 'reason') {
      if (!entry.replaceReason?.trim()) return this.ports.refuse(cursor)
      return this.advanceFrom(form, cursor.meterId)
    }
    if (entry.noValue) return this.advanceFrom(form, cursor.meterId)
    if (entry.value.trim() === '-') return this.notPassed(form, entry)
    const check = this.ports.check(form, cursor.meterId)
    switch (check.kind) {
      case 'blank':
        if (check.removed) return this.advanceFrom(form, cursor.meterId)
        if (form.askingBlank === cursor.meterId) return this.ports.refuse(cursor)
        form.askingBlank = cursor.meterId
        return
      case 'refused':
        return this.leaveUnresolved(form, { code: 'READING_REFUSED', params: { code: check.code } })
      case 'blocked':
        return this.ports.refuse(cursor)
      case 'ok': {
        const unconfirmed = check.warnings.filter((code) => !entry.confirmed.includes(code))
        if (unconfirmed.length) {
          if (!confirm) return this.ports.refuse(cursor)
          entry.confirmed = [...entry.confirmed, ...unconfirmed]
          this.ports.changed(form)
        }
        if (check.needsReason && !entry.replaceReason?.trim()) {
          this.cursor = { position: form.position, field: 'reason', meterId: entry.meterId }
          return
        }
        return this.advanceFrom(form, cursor.meterId)
      }
    }
  }

  private async lookUp(form: RoutedForm): Promise<void> {
    if (!form.accountNumber.trim()) return this.ports.refuse(this.cursor)
    const answer = await this.ports.lookup(form)
    if (!answer.ok) return this.leaveUnresolved(form, answer.problem)
    const typed = new Map(form.values.map((v) => [v.meterId, v]))
    form.values = answer.meterIds.map((id) => typed.get(id) ?? { meterId: id, value: '', confirmed: [] })
    form.state = 'draft'
    form.problem = null
    this.ports.changed(form)
    const first = form.values[0]
    if (!first) return this.leaveUnresolved(form, { code: 'NOT_FOUND', params: { what: 'meter' } })
    this.cursor = { position: form.position, field: 'value', meterId: first.meterId }
  }

  private async advanceFrom(form: RoutedForm, meterId: number): Promise<void> {
    const index = form.values.findIndex((v) => v.meterId === meterId)
    const following = form.values[index + 1]
    if (following) {
      this.cursor = { position: form.position, field: 'value', meterId: following.meterId }
      return
    }
    const answer = await this.ports.save(form)
    if (answer.state === 'failed') return this.ports.refuse(this.cursor)
    form.state = answer.state
    form.problem = answer.state === 'unresolved' ? answer.problem : null
    this.toNextForm()
  }

  private async leaveUnresolved(form: RoutedForm, problem: NonNullable<RoutedForm['problem']>) {
    form.state = 'unresolved'
    form.problem = problem
    form.askingBlank = null
    await this.ports.keepUnresolved(form, 'unresolved', problem)
    this.toNextForm()
  }

  /** The empty draft at the end of the batch (made when there is none): the next paper form. */
  private toNextForm(): void {
    const forms = this.ports.forms()
    const last = forms[forms.length - 1]
    const next = last && last.state === 'draft' && last.accountNumber === '' ? last : this.ports.addForm()
    this.cursor = { position: next.position, field: 'account' }
    this.replaceNext = false
  }
}
