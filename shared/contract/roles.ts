/** Staff roles (DOMAIN.md, "Who is served"). Supervisors can do everything clerks and operators can. */
export const ROLES = ['operator', 'clerk', 'supervisor'] as const
export type Role = (typeof ROLES)[number]
