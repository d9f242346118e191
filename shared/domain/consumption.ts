/**
 * Consumption between two readings of one meter, in exact thousandths of a cubic metre. A lower value means
 * the counter rolled over past 10^digits − 1 (docs/business-rules.md#meter-readings, roll-over); whether a
 * lower value is a real roll-over or an error is the readings checks' business, not this sum's.
 */
export function consumptionMilli(previousMilli: number, currentMilli: number, digits: number): number {
  if (currentMilli >= previousMilli) return currentMilli - previousMilli
  return meterCapacityMilli(digits) - previousMilli + currentMilli
}

export function meterCapacityMilli(digits: number): number {
  return 10 ** digits * 1000
}
