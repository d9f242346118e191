import { definePreset } from '@primeuix/themes'
import ToastService from 'primevue/toastservice'
import Aura from '@primeuix/themes/aura'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import { createApp } from 'vue'
import 'primeicons/primeicons.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { resetOnSignOut } from './stores/reset-on-sign-out'
import './styles.css'

/**
 * Aura with a water-blue primary instead of its default green, dark enough for white text on a
 * button and blue text on the page to keep WCAG AA contrast (4.5:1; the axe check in the e2e suite):
 * the primary is sky-700, and muted text slate-600 instead of slate-500.
 */
const VodokanalTheme = definePreset(Aura, {
  semantic: {
    primary: Object.fromEntries(
      [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].map((shade) => [
        shade,
        `{sky.${shade < 500 ? shade + 100 : Math.min(950, shade + 200)}}`,
      ]),
    ),
    colorScheme: { light: { text: { mutedColor: '{surface.600}' } } },
  },
  components: {
    togglebutton: { colorScheme: { light: { root: { color: '{surface.600}' } } } },
  },
})

const app = createApp(App)
const pinia = createPinia()
pinia.use(resetOnSignOut)
app.use(pinia)
app.use(i18n)
app.use(router)
app.use(ToastService)
app.use(PrimeVue, {
  theme: { preset: VodokanalTheme, options: { darkModeSelector: false, cssLayer: false } },
  // A password field is a text box, not a combo box: PrimeVue marks it aria-expanded for its
  // strength overlay, which these forms do not use, and screen readers then announce a popup.
  pt: {
    password: {
      pcInputText: { root: { 'aria-expanded': null, 'aria-controls': null, 'aria-haspopup': null } },
    },
  },
})
app.mount('#app')
