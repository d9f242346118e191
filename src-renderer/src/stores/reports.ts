import { defineStore } from 'pinia'
import type { ChannelInput } from '@shared/contract'
import { bridge } from '../bridge'

/** Отчёты (docs/business-rules.md#reports-exports-and-the-audit-trail): a report run with its filters. */
export const useReportsStore = defineStore('reports', () => {
  function run(input: ChannelInput<'reports.run'>) {
    return bridge.invoke('reports.run', input)
  }

  return { run }
})
