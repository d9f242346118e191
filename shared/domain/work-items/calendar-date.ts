/** A Moscow calendar date, 'YYYY-MM-DD': no time, no zone. Work items' clocks count these. */
export type CalendarDate = string
