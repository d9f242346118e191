import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@shared/contract'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Navigation label key; also the screen's title. */
    titleKey: string
    icon?: string
    /** Roles that may open the screen; the main process enforces the same on every channel. */
    roles?: Role[]
  }
}

const supervisorOnly: Role[] = ['supervisor']

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/accounts' },
  {
    path: '/accounts',
    name: 'accounts',
    component: () => import('./views/AccountsView.vue'),
    meta: { titleKey: 'nav.accounts' },
  },
  {
    path: '/accounts/:id(\\d+)',
    name: 'account',
    component: () => import('./views/AccountCardView.vue'),
    meta: { titleKey: 'nav.accounts' },
  },
  {
    path: '/readings',
    name: 'readings',
    component: () => import('./views/ReadingsBatchView.vue'),
    meta: { titleKey: 'nav.readings', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/readings/period',
    name: 'readingsPeriod',
    component: () => import('./views/ReadingsPeriodView.vue'),
    meta: { titleKey: 'nav.readings', roles: supervisorOnly },
  },
  {
    path: '/readings/unresolved',
    name: 'readingsUnresolved',
    component: () => import('./views/UnresolvedFormsView.vue'),
    meta: { titleKey: 'nav.readings', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/readings/review',
    name: 'readingsReview',
    component: () => import('./views/ReadingsReviewView.vue'),
    meta: { titleKey: 'nav.readings', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/registrations',
    name: 'registrations',
    component: () => import('./views/RegistrationsView.vue'),
    meta: { titleKey: 'nav.registrations', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/sync',
    name: 'sync',
    component: () => import('./views/SyncView.vue'),
    meta: { titleKey: 'nav.sync' },
  },
  {
    path: '/requests',
    name: 'requests',
    component: () => import('./views/RequestsView.vue'),
    meta: { titleKey: 'nav.requests', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/requests/:id(\\d+)',
    name: 'request',
    component: () => import('./views/RequestView.vue'),
    meta: { titleKey: 'nav.requests', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/questions',
    name: 'questions',
    component: () => import('./views/QuestionsView.vue'),
    meta: { titleKey: 'nav.questions' },
  },
  {
    path: '/questions/:id(\\d+)',
    name: 'question',
    component: () => import('./views/QuestionView.vue'),
    meta: { titleKey: 'nav.questions' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./views/ReportsView.vue'),
    meta: { titleKey: 'nav.reports', roles: ['clerk', 'supervisor'] },
  },
  {
    path: '/staff',
    name: 'staff',
    component: () => import('./views/StaffView.vue'),
    meta: { titleKey: 'nav.staff', roles: supervisorOnly },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./views/AuditView.vue'),
    meta: { titleKey: 'nav.audit', roles: supervisorOnly },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { titleKey: 'nav.settings', roles: supervisorOnly },
  },
  {
    path: '/forbidden',
    name: 'forbidden',
    component: () => import('./views/ForbiddenView.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
  { path: '/:rest(.*)*', redirect: '/accounts' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  // On a reload (F5) the page first asks who is signed in: a supervisor's page is theirs, not "no access".
  if (session.phase === 'loading') await session.whenLoaded()
  const roles = to.meta.roles
  if (roles && (!session.staff || !roles.includes(session.staff.role))) return { name: 'forbidden' }
  return true
})
