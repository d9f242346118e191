import { defineStore } from 'pinia'
import type { ChannelInput } from '@shared/contract'
import { bridge } from '../bridge'

/**
 * Readings outside the paper batch (docs/business-rules.md#meter-readings): one account's form taken by
 * phone or at the counter, the stamp's period, the forms left unresolved, and a period's overview with
 * its overrides and closing. The batch screen has its own store (`readingBatch`).
 */
export const useReadingsStore = defineStore('readings', () => {
  const formContext = (input: ChannelInput<'readings.formContext'>) =>
    bridge.invoke('readings.formContext', input)
  const record = (input: ChannelInput<'readings.record'>) => bridge.invoke('readings.record', input)
  const stampPeriod = (receivedOn: string) => bridge.invoke('readings.stampPeriod', { receivedOn })
  const unresolvedForms = () => bridge.invoke('readings.unresolvedForms', {})
  const periodOverview = (input: ChannelInput<'readings.periodOverview'>) =>
    bridge.invoke('readings.periodOverview', input)
  const override = (input: ChannelInput<'readings.override'>) => bridge.invoke('readings.override', input)
  const setPeriodClosed = (input: ChannelInput<'readings.setPeriodClosed'>) =>
    bridge.invoke('readings.setPeriodClosed', input)

  return { formContext, record, stampPeriod, unresolvedForms, periodOverview, override, setPeriodClosed }
})
