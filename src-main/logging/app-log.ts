import { join } from 'node:path'
import type Logger from 'electron-log'
import { redact } from './redact'

/** The console's own log: what happened, for an administrator; never what a subscriber is. */
export interface AppLog {
  info(message: string): void
  error(message: string, error?: unknown): void
}

/** electron-log's main-process or plain-Node logger: the same file transport either way. */
type ElectronLog = Logger.NodeLogger

const MAX_LOG_BYTES = 5 * 1024 * 1024

/**
 * A rotating log file (`console.log`, then `console.old.log`, 5 MB each) in `dir`; every line passes
 * through `redact` on its way, whoever wrote it.
 */
export function fileLog(log: ElectronLog, dir: string, echo = false): AppLog & { file: string } {
  const file = join(dir, 'console.log')
  log.transports.file.resolvePathFn = () => file
  log.transports.file.maxSize = MAX_LOG_BYTES
  log.transports.file.level = 'info'
  log.transports.console.level = echo ? 'info' : false
  log.hooks.push((message) => ({ ...message, data: message.data.map((part) => redact(describe(part))) }))
  return {
    file,
    info: (message) => log.info(message),
    error: (message, error) => log.error(message, ...(error === undefined ? [] : [error])),
  }
}

function describe(part: unknown): string {
  if (part instanceof Error) return `${part.name}: ${part.message}${part.stack ? `\n${part.stack}` : ''}`
  return typeof part === 'string' ? part : JSON.stringify(part)
}
