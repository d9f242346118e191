import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { bridge } from '../bridge'

export const TEXT_SIZES = [100, 115, 130, 150] as const
export type TextSize = (typeof TEXT_SIZES)[number]

/** The screens' base size (styles.css): 100 % is 14 px. */
const BASE_PX = 14
const KEY = (login: string) => `vodokanal.display.${login}`

/**
 * How the console looks for the person signed in (docs/business-rules.md#who-uses-the-console): text from 100
 * to 150 % and a high-contrast theme, remembered per person on this console; back to the default at sign-out.
 */
export const useDisplayStore = defineStore('display', () => {
  const textSize = ref<TextSize>(100)
  const highContrast = ref(false)
  let login: string | null = null

  function loadFor(person: string) {
    login = person
    try {
      const saved = JSON.parse(localStorage.getItem(KEY(person)) ?? '{}') as {
        textSize?: number
        highContrast?: boolean
      }
      textSize.value = TEXT_SIZES.find((size) => size === saved.textSize) ?? 100
      highContrast.value = saved.highContrast === true
    } catch {
      textSize.value = 100
      highContrast.value = false
    }
  }

  watch(
    [textSize, highContrast],
    ([size, contrast]) => {
      document.documentElement.style.fontSize = `${(BASE_PX * size) / 100}px`
      document.documentElement.classList.toggle('high-contrast', contrast)
      if (login) localStorage.setItem(KEY(login), JSON.stringify({ textSize: size, highContrast: contrast }))
    },
    { immediate: true },
  )

  /** Sign-out: the next person starts from the default until their own choice is loaded. */
  function forget() {
    login = null
    textSize.value = 100
    highContrast.value = false
  }

  /** The desktop menu's Справка → Клавиши: the keys panel opens. */
  const onHelpAsked = (handler: () => void): (() => void) => bridge.on('shell.help', handler)

  return { textSize, highContrast, loadFor, forget, onHelpAsked }
})
