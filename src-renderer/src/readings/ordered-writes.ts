/**
 * The writes of one paper batch, sent to the main process one at a time in the order they were made
 * (docs/business-rules.md#meter-readings). Two calls in flight at once may be handled in either order
 * (the browser shell sends each as an HTTP request of its own), so a draft save that left before a
 * form was refused could land after the refusal and turn the form back into a draft. Sent one after
 * another, the last word on a form is always the last thing the screen said about it.
 *
 * A write with a key replaces a write with the same key still waiting to be sent: a draft saved on
 * every key becomes at most one save in flight and one waiting, each sending the form as it is when
 * it leaves.
 */
export class OrderedWrites {
  private readonly waiting: { key: string | null; send: () => Promise<void> }[] = []
  private sending: Promise<void> | null = null

  /** Queues a write; the answer comes once it and every write before it were sent. */
  run<T>(write: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ key: null, send: () => write().then(resolve, reject) })
      this.pump()
    })
  }

  /** Queues a write unless one with the same key waits unsent already (that one will send the latest). */
  coalesce(key: string, write: () => Promise<unknown>): void {
    if (this.waiting.some((w) => w.key === key)) return
    this.waiting.push({
      key,
      send: () =>
        write().then(
          () => undefined,
          () => undefined,
        ),
    })
    this.pump()
  }

  /** Resolves once every write queued so far has been answered. */
  async drained(): Promise<void> {
    while (this.sending) await this.sending
  }

  private pump(): void {
    if (this.sending) return
    const next = this.waiting.shift()
    if (!next) return
    this.sending = next.send().finally(() => {
      this.sending = null
      this.pump()
    })
  }
}
