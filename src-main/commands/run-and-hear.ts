import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { ModuleDeps } from '../modules/deps'
import type { Command, RunOptions } from './pipeline'

/**
 * Runs a decision and waits briefly for the central database's word on it, so that a person whose
 * item was decided on another console hears it now, with who and when, rather than later in the
 * sync screen. `queued`: the server is away; the decision stands locally until it answers.
 */
export async function runAndHearCentral<I, R>(
  deps: Pick<ModuleDeps, 'pipeline' | 'centralAnswer'>,
  command: Command<I, R>,
  input: I,
  options: Omit<RunOptions, 'commandId'>,
): Promise<{ result: R; state: 'applied' | 'queued' }> {
  const commandId = randomUUID()
  const result = deps.pipeline.run(command, input, { ...options, commandId })
  const answer = await deps.centralAnswer(commandId)
  if (answer.state === 'refused') throw new AppError(answer.code, answer.params)
  return { result, state: answer.state }
}
