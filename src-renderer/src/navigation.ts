import { computed } from 'vue'
import type { ChannelName } from '@shared/contract'
import { useSessionStore } from './stores/session'

export interface NavItem {
  to: string
  key: string
  icon: string
}

/** `needs`: the channel a section's screen opens with; the section shows to those who may call it. */
const work: (NavItem & { needs?: ChannelName })[] = [
  { to: '/accounts', key: 'nav.accounts', icon: 'pi-users' },
  // Paper forms are the clerks' (an operator takes readings on the caller's card, by phone).
  { to: '/readings', key: 'nav.readings', icon: 'pi-gauge', needs: 'readings.openBatch' },
  { to: '/registrations', key: 'nav.registrations', icon: 'pi-id-card', needs: 'registrations.queue' },
  { to: '/requests', key: 'nav.requests', icon: 'pi-file-edit', needs: 'requests.queue' },
  { to: '/questions', key: 'nav.questions', icon: 'pi-comments' },
  { to: '/reports', key: 'nav.reports', icon: 'pi-chart-bar', needs: 'reports.run' },
]
const supervision: NavItem[] = [
  { to: '/staff', key: 'nav.staff', icon: 'pi-user-edit' },
  { to: '/audit', key: 'nav.audit', icon: 'pi-history' },
  { to: '/settings', key: 'nav.settings', icon: 'pi-cog' },
]

/**
 * The sections this person sees, in the rail's order: the rail draws them in groups and Alt+1…9
 * jumps to them by position.
 */
export function useNavigation() {
  const session = useSessionStore()
  const clerkWork = computed(() => session.may('registrations.queue'))
  const groups = computed(() => {
    const visibleWork = work.filter((item) => !item.needs || session.may(item.needs))
    return session.isSupervisor ? [visibleWork, supervision] : [visibleWork]
  })
  const ordered = computed(() => groups.value.flat())
  return { groups, ordered, clerkWork }
}
