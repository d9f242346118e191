/** The one form text is compared in (docs/business-rules.md#finding-the-callers-account: case and ё/е never make a difference). */
export function searchKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('ru').replace(/ё/g, 'е')
}
