export interface AddressParts {
  street: string
  house: string
  building: string | null
  apartment: string | null
}

/** The way Sevastopol addresses are written on forms: "ул. Пожарова, д. 20, корп. 2, кв. 15". */
export function formatAddress(parts: AddressParts): string {
  return [
    parts.street,
    `д. ${parts.house}`,
    parts.building ? `корп. ${parts.building}` : null,
    parts.apartment ? `кв. ${parts.apartment}` : null,
  ]
    .filter(Boolean)
    .join(', ')
}

export function formatOwner(owner: {
  surname: string
  firstName: string
  patronymic: string | null
}): string {
  return [owner.surname, owner.firstName, owner.patronymic].filter(Boolean).join(' ')
}
