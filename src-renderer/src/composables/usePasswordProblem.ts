import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { MIN_PASSWORD_LENGTH, passwordProblem } from '@shared/domain/password-policy'

/** The password rule as the person types, the same rule the main process enforces. */
export function usePasswordProblem(password: Ref<string>, repeat: Ref<string>, login: Ref<string>) {
  const { t } = useI18n()
  return computed(() => {
    if (!password.value) return null
    const problem = passwordProblem(password.value, repeat.value, login.value)
    if (!problem || (problem === 'differs' && !repeat.value)) return null
    return t(`password.${problem}`, { min: MIN_PASSWORD_LENGTH })
  })
}
