import type { accountsChannels } from '@shared/contract'
import type { Handlers } from '../../router'
import type { ModuleDeps } from '../deps'
import { AccountSearch } from './account-search'

export function accountsHandlers(deps: ModuleDeps): Handlers<keyof typeof accountsChannels> {
  const search = new AccountSearch(deps.local.sql)
  return {
    'accounts.search': (input) => search.search(input.query, input.limit),
  }
}
