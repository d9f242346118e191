import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  accessAllows,
  channels,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type SessionInfo,
  type StaffRef,
} from '@shared/contract'
import { bridge } from '../bridge'
import { useDisplayStore } from './display'
import { resetStores } from './reset-on-sign-out'

/** `changePassword`: signed in with a password a supervisor set, which the person changes first. */
type Phase = 'loading' | 'setup' | 'signIn' | 'changePassword' | 'ready'

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'input'] as const
const MAX_TOUCH_INTERVAL_MS = 60_000

/**
 * Who is signed in, and the idle lock. The lock is an overlay above the current screen, so the
 * screen, and whatever was typed on it, stays exactly as it was behind it.
 */
export const useSessionStore = defineStore('session', () => {
  const phase = ref<Phase>('loading')
  const staff = ref<StaffRef | null>(null)
  const idleLockMs = ref(15 * 60_000)
  const locked = ref(false)
  /** `npm run demo` only: the demo supervisor, used once per page load (a sign-out then stays out). */
  const demoSignIn = ref<ChannelOutput<'auth.status'>['demoSignIn']>(null)
  /** The copy or the enrolment key found at start could not be read (see LostCopyNotice). */
  const lostCopy = ref<ChannelOutput<'auth.status'>['lostCopy']>(null)
  let unlockWaiters: (() => void)[] = []
  /** Settled once the first `load` has answered: until then nobody is known to be signed in or out. */
  let markLoaded: () => void = () => undefined
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve))
  let lastActivity = Date.now()
  let lastTouch = Date.now()
  let timer: ReturnType<typeof setInterval> | null = null

  const isSupervisor = computed(() => staff.value?.role === 'supervisor')

  /** Whether this person may call a channel: the router's own rule, so a screen offers what it allows. */
  function may(channel: ChannelName): boolean {
    return accessAllows(channels[channel].access, staff.value?.role)
  }

  function enter(info: SessionInfo) {
    bridge.setToken(info.token)
    staff.value = info.staff
    useDisplayStore().loadFor(info.staff.login)
    idleLockMs.value = info.idleLockMs
    locked.value = false
    phase.value = info.mustChangePassword ? 'changePassword' : 'ready'
    startIdleWatch()
  }

  function leave(next: Phase = 'signIn') {
    bridge.setToken(null)
    // Nothing of this person's work stays in memory for the next one.
    resetStores()
    useDisplayStore().forget()
    staff.value = null
    locked.value = false
    phase.value = next
    stopIdleWatch()
  }

  function lock() {
    if (!locked.value && phase.value === 'ready') locked.value = true
  }

  const onActivity = () => {
    if (locked.value) return
    lastActivity = Date.now()
    const touchEvery = Math.min(MAX_TOUCH_INTERVAL_MS, idleLockMs.value / 3)
    if (lastActivity - lastTouch > touchEvery) {
      lastTouch = lastActivity
      bridge.invoke('auth.touch', {}).catch(() => undefined)
    }
  }

  function startIdleWatch() {
    stopIdleWatch()
    lastActivity = lastTouch = Date.now()
    ACTIVITY_EVENTS.forEach((event) =>
      window.addEventListener(event, onActivity, { passive: true, capture: true }),
    )
    timer = setInterval(() => {
      if (Date.now() - lastActivity > idleLockMs.value) lock()
    }, 500)
  }

  function stopIdleWatch() {
    ACTIVITY_EVENTS.forEach((event) => window.removeEventListener(event, onActivity, { capture: true }))
    if (timer) clearInterval(timer)
    timer = null
  }

  bridge.setHooks({
    onLocked: () => {
      lock()
      return new Promise<void>((resolve) => unlockWaiters.push(resolve))
    },
    onSignedOut: () => leave(),
  })

  async function load() {
    try {
      await loadStatus()
    } finally {
      markLoaded()
    }
  }

  async function loadStatus() {
    const status = await bridge.invoke('auth.status', {})
    demoSignIn.value = status.demoSignIn
    lostCopy.value = status.lostCopy
    if (!status.setUp) return leave('setup')
    if (!status.session) return leave('signIn')
    enter(status.session)
    if (status.session.locked) lock()
  }

  async function setup(form: ChannelInput<'auth.setupFirstSupervisor'>) {
    enter(await bridge.invoke('auth.setupFirstSupervisor', form))
  }

  async function signIn(form: ChannelInput<'auth.signIn'>) {
    enter(await bridge.invoke('auth.signIn', form))
  }

  async function changeOwnPassword(form: ChannelInput<'auth.changeOwnPassword'>) {
    enter(await bridge.invoke('auth.changeOwnPassword', form))
  }

  async function unlock(password: string) {
    try {
      const info = await bridge.invoke('auth.unlock', { password })
      idleLockMs.value = info.idleLockMs
      locked.value = false
      lastActivity = lastTouch = Date.now()
      unlockWaiters.forEach((resolve) => resolve())
      unlockWaiters = []
    } catch (error) {
      // Too many wrong passwords at the lock screen end the session in the main process.
      if (error instanceof Error && 'code' in error && error.code === 'LOGIN_LOCKED') leave()
      throw error
    }
  }

  /** The demo's credentials, handed out once: the sign-in screen fills them in and submits. */
  function takeDemoSignIn() {
    const credentials = demoSignIn.value
    demoSignIn.value = null
    return credentials
  }

  async function signOut() {
    await bridge.invoke('auth.signOut', {}).catch(() => undefined)
    leave()
  }

  return {
    phase,
    staff,
    /** Resolves once the page knows who is signed in (the router waits for it on a reload). */
    whenLoaded: () => loaded,
    idleLockMs,
    locked,
    isSupervisor,
    may,
    lostCopy,
    load,
    setup,
    signIn,
    changeOwnPassword,
    takeDemoSignIn,
    unlock,
    signOut,
    lock,
  }
})
