/**
 * Russian counts take three forms — 1 день, 2 дня, 5 дней (and 11–14 always the third): a message
 * with a count gives the three, separated by `|`.
 */
export function russianPlural(choice: number, choicesLength: number): number {
  // Four forms: the first is for none ("нет обращений"), then the three.
  if (choicesLength === 4) return choice === 0 ? 0 : 1 + russianPlural(choice, 3)
  if (choicesLength < 3) return choice === 1 ? 0 : 1
  const lastTwo = Math.abs(choice) % 100
  const last = lastTwo % 10
  if (lastTwo > 10 && lastTwo < 20) return 2
  if (last === 1) return 0
  return last >= 2 && last <= 4 ? 1 : 2
}
