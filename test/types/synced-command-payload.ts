/**
 * Type-level tests, checked by `npm run typecheck` (nothing here runs): a synced command's payload
 * is typed by the shared definition of that command (shared/central/commands.ts), so a misspelt,
 * missing or mistyped field fails the build instead of reaching the service. Each
 * `@ts-expect-error` below must meet an error; if the typing ever loosens, the unused directive is
 * itself an error and the typecheck fails.
 */
import { defineSyncedCommand } from '../../src-main/commands/pipeline'

const noChanges = () => ({ result: {}, changes: [] })

// The right shape compiles.
defineSyncedCommand('questions.assign')<{ questionId: number; to: string | null }, Record<string, never>>({
  outboxPayload: (input) => ({ questionId: input.questionId, to: input.to }),
  apply: noChanges,
})

defineSyncedCommand('questions.assign')<{ questionId: number; to: string | null }, Record<string, never>>({
  // @ts-expect-error a misspelt field ("questionID") is refused by the compiler
  outboxPayload: (input) => ({ questionID: input.questionId, to: input.to }),
  apply: noChanges,
})

defineSyncedCommand('readings.override')<{ meterId: number; period: string }, void>({
  // @ts-expect-error a missing field (the override's reason) is refused
  outboxPayload: (input) => ({ meterId: input.meterId, period: input.period }),
  apply: () => ({ result: undefined, changes: [] }),
})

defineSyncedCommand('requests.step')<{ requestId: number }, Record<string, never>>({
  // @ts-expect-error a state the contract does not know ("approve") is refused
  outboxPayload: (input) => ({ requestId: input.requestId, to: 'approve', reason: null }),
  apply: noChanges,
})

// @ts-expect-error a command the service does not know has no synced form at all
defineSyncedCommand('readings.recrod')
