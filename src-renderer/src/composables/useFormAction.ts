import { ref } from 'vue'
import { useErrorText } from './useErrorText'

/**
 * A form's submit: busy while it runs, the contract error as a sentence when it fails. The form's
 * fields are untouched on failure, so nothing typed is lost.
 */
export function useFormAction() {
  const errorText = useErrorText()
  const busy = ref(false)
  const error = ref<string | null>(null)

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    error.value = null
    busy.value = true
    try {
      await action()
      return true
    } catch (e) {
      error.value = errorText(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
