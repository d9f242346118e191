import type { accountsChannels } from '@shared/contract'
import { runAndHearCentral } from '../../commands/run-and-hear'
import { AppError } from '../../errors'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { AccountCardReader } from './account-card'
import { sendPasswordResetLink, updateAccountContacts } from './account-commands'
import { addAccountNote, unpinAccountNote } from './account-notes'
import { AccountSearch } from './search/account-search'

export function accountsHandlers(deps: ModuleDeps): Handlers<keyof typeof accountsChannels> {
  const { local, pipeline, clock } = deps
  const search = new AccountSearch(local.sql)
  const cards = new AccountCardReader(local.sql)

  return {
    'accounts.search': (input) => search.search(input.query, input.limit, input),

    'accounts.card': (input) => cards.read(input.accountId, clock.now()),

    'accounts.updateContacts': (input, { session }) => {
      pipeline.run(updateAccountContacts, input, { staff: session.staff })
      return cards.read(input.accountId, clock.now())
    },

    // The central word comes back with the answer: the note is on every card once the database has it.
    'accounts.addNote': async (input, { session }) => ({
      state: (await runAndHearCentral(deps, addAccountNote, input, { staff: session.staff })).state,
    }),
    'accounts.unpinNote': async (input, { session }) => ({
      state: (await runAndHearCentral(deps, unpinAccountNote, input, { staff: session.staff })).state,
    }),

    'accounts.sendPasswordReset': (input, { session }) => {
      // Checked here, not only in the UI: the identity check is the whole point of the rule.
      if (!input.callerVerified) throw new AppError('CALLER_NOT_VERIFIED')
      return pipeline.run(sendPasswordResetLink, { accountId: input.accountId }, { staff: session.staff })
    },
  }
}
