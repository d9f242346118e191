import { definePreset } from '@primeuix/themes'
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

/** Aura with a water-blue primary instead of its default green. */
const VodokanalTheme = definePreset(Aura, {
  semantic: {
    primary: Object.fromEntries(
      [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].map((shade) => [
        shade,
        `{sky.${shade + (shade < 900 ? 100 : 0)}}`,
      ]),
    ),
  },
})

const app = createApp(App)
const pinia = createPinia()
pinia.use(resetOnSignOut)
app.use(pinia)
app.use(i18n)
app.use(router)
app.use(PrimeVue, {
  theme: { preset: VodokanalTheme, options: { darkModeSelector: false, cssLayer: false } },
})
app.mount('#app')
