import type BetterSqlite3 from 'better-sqlite3'
import type { AppEventBus } from '../../events'

/**
 * New work given to someone signed in on this console (docs/business-rules.md#who-uses-the-console): a
 * subscriber's question assigned to them by a supervisor or by the round-robin, arriving with sync. The
 * Electron shell shows a desktop notification, the browser shell a quiet toast; neither takes the focus from
 * what the person is typing.
 *
 * The watch remembers each person's open assigned questions. After a pull, the ones it did not know
 * are announced; after this console's own commands it only updates what it knows, so taking a question
 * oneself is never announced back.
 */
export class AssignedWorkWatch {
  private readonly known = new Map<string, Set<number>>()
  private readonly assigned: BetterSqlite3.Statement

  constructor(
    db: BetterSqlite3.Database,
    private readonly signedIn: () => string[],
    private readonly events: AppEventBus,
  ) {
    this.assigned = db
      .prepare(`SELECT id FROM web_questions WHERE assigned_to = ? AND state IN ('new', 'taken', 'waiting')`)
      .pluck()
  }

  /** `announce`: false after this console's own commands, true after a pull. */
  check(announce: boolean): void {
    const people = this.signedIn()
    for (const login of this.known.keys()) if (!people.includes(login)) this.known.delete(login)
    for (const login of people) {
      const ids = new Set(this.assigned.all(login) as number[])
      const before = this.known.get(login)
      this.known.set(login, ids)
      // The first look at a person who just signed in learns; it announces nothing.
      if (!announce || !before) continue
      const fresh = [...ids].filter((id) => !before.has(id))
      if (fresh.length) this.events.emit('work.assigned', { login, questions: fresh.length })
    }
  }
}
