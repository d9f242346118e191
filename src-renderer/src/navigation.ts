import { computed } from 'vue'
import { useSessionStore } from './stores/session'

export interface NavItem {
  to: string
  key: string
  icon: string
}

const work: (NavItem & { clerks?: boolean })[] = [
  { to: '/accounts', key: 'nav.accounts', icon: 'pi-users' },
  { to: '/readings', key: 'nav.readings', icon: 'pi-gauge' },
  { to: '/registrations', key: 'nav.registrations', icon: 'pi-id-card', clerks: true },
  { to: '/requests', key: 'nav.requests', icon: 'pi-file-edit', clerks: true },
  { to: '/feedback', key: 'nav.feedback', icon: 'pi-comments' },
  { to: '/reports', key: 'nav.reports', icon: 'pi-chart-bar', clerks: true },
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
  const clerkWork = computed(() => session.staff?.role === 'clerk' || session.isSupervisor)
  const groups = computed(() => {
    const visibleWork = work.filter((item) => !item.clerks || clerkWork.value)
    return session.isSupervisor ? [visibleWork, supervision] : [visibleWork]
  })
  const ordered = computed(() => groups.value.flat())
  return { groups, ordered, clerkWork }
}
