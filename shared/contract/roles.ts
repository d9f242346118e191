/** Staff roles (docs/business-rules.md#who-uses-the-console). Supervisors can do everything clerks and operators can. */
export const ROLES = ['operator', 'clerk', 'supervisor'] as const
export type Role = (typeof ROLES)[number]
