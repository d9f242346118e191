import { onActivated, onDeactivated, onMounted, onUnmounted } from 'vue'

/**
 * A list that changes elsewhere (another console enrolled, one seen a minute ago) is read when its
 * screen is shown, again each time it comes back (screens are kept alive between visits), and every
 * `everyMs` while it stays in front. The repeats are background calls, so they keep no session awake.
 */
export function useRefreshWhileShown(load: (background: boolean) => Promise<unknown>, everyMs: number) {
  let timer: ReturnType<typeof setInterval> | null = null
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = null
  }
  const start = () => {
    stop()
    void load(false)
    timer = setInterval(() => void load(true).catch(() => undefined), everyMs)
  }
  onMounted(start)
  // Also called right after the first mount, when the timer already runs.
  onActivated(() => {
    if (!timer) start()
  })
  onDeactivated(stop)
  onUnmounted(stop)
}
