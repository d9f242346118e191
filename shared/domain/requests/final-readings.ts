/**
 * A closure needs a final reading of every active meter (DOMAIN.md). A reading counts as final when
 * it was received on the day the request was filed or in the week before it: subscribers usually send
 * their readings through the website and then file the request, and a reading from that week is
 * taken as it is, not asked for again.
 */
export const FINAL_READING_LEAD_DAYS = 7

/** The earliest moment a final reading may have been received, for a request filed at `submittedAt`. */
export function finalReadingSince(submittedAt: string): string {
  return new Date(Date.parse(submittedAt) - FINAL_READING_LEAD_DAYS * 86_400_000).toISOString()
}
