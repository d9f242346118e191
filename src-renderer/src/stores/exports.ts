import { defineStore } from 'pinia'
import type { ChannelInput, ChannelName } from '@shared/contract'
import { bridge } from '../bridge'

/** The channels that start an export job and answer with its id (progress comes as events). */
type ExportChannel = Extract<
  ChannelName,
  'audit.export' | 'exports.queue' | 'reports.export' | 'exports.readingsRegister'
>

/**
 * Exports (docs/business-rules.md#reports-exports-and-the-audit-trail): every screen's export starts
 * here; `useExport` follows the job and saves the file.
 */
export const useExportsStore = defineStore('exports', () => {
  function start<C extends ExportChannel>(channel: C, input: ChannelInput<C>) {
    return bridge.invoke(channel, input)
  }

  return { start }
})
