import type { readingsChannels } from '@shared/contract'
import { assignPeriodForMoscowDate } from '@shared/domain/billing-period'
import { moscowDate } from '@shared/domain/moscow-time'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { findFormAccount } from './account-meters'
import { MeterHistoryReader } from './meter-history'
import { recordReadings } from './record-readings'

export function readingsHandlers(deps: ModuleDeps): Handlers<keyof typeof readingsChannels> {
  const { local, pipeline, clock } = deps
  const history = new MeterHistoryReader(local.sql)

  return {
    'readings.formContext': (input) => {
      const { account, meters } = findFormAccount(local.sql, input.accountNumber)
      const { period, late } = assignPeriodForMoscowDate(input.receivedOn)
      return {
        account,
        period,
        late,
        meters: meters.map((meter) => ({ ...meter, ...history.read(meter, period) })),
      }
    },

    'readings.record': (input, { session }) => {
      const today = moscowDate(clock.now())
      // A phone reading is received now; a paper form's stamp cannot be later than today.
      const receivedOn = input.source === 'phone' ? today : input.receivedOn
      if (receivedOn > today) throw new AppError('RECEIVED_IN_FUTURE', { date: receivedOn })
      const { period, late, saved } = pipeline.run(
        recordReadings,
        { ...input, receivedOn },
        { staff: session!.staff },
      )
      return { period, late, saved }
    },
  }
}
