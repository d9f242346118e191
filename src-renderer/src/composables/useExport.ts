import { computed, onBeforeUnmount, ref } from 'vue'
import type { ExportProgress } from '@shared/contract'
import { bridge } from '../bridge'
import { useFormAction } from './useFormAction'

/**
 * One export as the screen sees it (docs/business-rules.md#reports-exports-and-the-audit-trail): started by a
 * channel, followed by its progress events, cancellable, and handed to the person's disk when whole
 * (Electron's save dialog; a download in the browser shell). The screen stays usable the whole time.
 */
export function useExport() {
  const action = useFormAction()
  const progress = ref<ExportProgress | null>(null)
  const saved = ref<string | null>(null)
  let jobId: string | null = null

  // Progress from the events; the end from `exports.wait`, which an event socket still connecting
  // (or a small export finishing before its start has answered) cannot make the screen miss.
  const off = bridge.on('export.progress', (event) => {
    if (event.jobId === jobId && event.state === 'running') progress.value = event
  })
  onBeforeUnmount(off)

  async function deliver(id: string, fileName: string) {
    const result = await bridge.saveExport(id)
    if (result.saved) saved.value = fileName
  }

  async function start(begin: () => Promise<{ jobId: string; fileName: string }>) {
    saved.value = null
    progress.value = null
    await action.run(async () => {
      const started = await begin()
      jobId = started.jobId
      progress.value = {
        jobId: started.jobId,
        fileName: started.fileName,
        written: 0,
        total: 0,
        state: 'running',
      }
      const end = await bridge.invoke('exports.wait', { jobId: started.jobId })
      progress.value = { ...progress.value, state: end.state }
      if (end.state === 'done') await deliver(started.jobId, end.fileName)
    })
  }

  const cancel = () => jobId && void bridge.invoke('exports.cancel', { jobId }).catch(() => undefined)
  const running = computed(() => progress.value?.state === 'running')
  const percent = computed(() =>
    progress.value && progress.value.total
      ? Math.round((progress.value.written / progress.value.total) * 100)
      : 0,
  )
  return { start, cancel, progress, running, percent, saved, error: action.error }
}

/** What a screen holds of one export; `ExportProgress` draws it. */
export type ExportState = ReturnType<typeof useExport>
