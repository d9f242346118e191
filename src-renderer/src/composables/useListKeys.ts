import type { Ref } from 'vue'

/**
 * ↑ ↓ to move through a list and Enter to open the chosen row: the same keys on every queue (search,
 * registrations, requests, questions). Moving wraps round unless `wrap` is off; a screen may keep
 * Ctrl+Enter for itself. Returns whether the key was the list's, having prevented its default.
 */
export function useListKeys(
  count: () => number,
  selected: Ref<number>,
  open: (index: number) => void,
  options: { wrap?: boolean; enterWithCtrl?: boolean } = {},
) {
  const { wrap = true, enterWithCtrl = true } = options
  return (event: KeyboardEvent): boolean => {
    const n = count()
    if (!n) return false
    if (event.key === 'ArrowDown')
      selected.value = wrap ? (selected.value + 1) % n : Math.min(selected.value + 1, n - 1)
    else if (event.key === 'ArrowUp')
      selected.value = wrap ? (selected.value - 1 + n) % n : Math.max(selected.value - 1, 0)
    else if (event.key === 'Enter' && (enterWithCtrl || !event.ctrlKey)) open(selected.value)
    else return false
    event.preventDefault()
    return true
  }
}
