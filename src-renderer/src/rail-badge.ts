/** A count as the rail's badge shows it: four digits would cover the icon, so «999+» (the title says all). */
export const railBadge = (n: number): string => (n > 999 ? '999+' : String(n))
