import type { z } from 'zod'
import { accountsChannels } from './accounts'
import { auditChannels } from './audit'
import { authChannels } from './auth'
import { conflictsChannels } from './conflicts'
import {
  readingBatchChannels,
  readingsChannels,
  readingSupervisionChannels,
  webReadingChannels,
} from './readings'
import { registrationsChannels } from './registrations'
import { exportsChannels } from './exports'
import { questionsChannels } from './questions'
import { reportsChannels } from './reports'
import { requestsChannels } from './requests'
import { settingsChannels } from './settings'
import { staffChannels } from './staff'
import { syncChannels, syncSettingsChannels } from './sync'
import { updatesChannels } from './updates'

/** Every channel the renderer may call: the whole contract between the two sides. */
export const channels = {
  ...authChannels,
  ...staffChannels,
  ...auditChannels,
  ...settingsChannels,
  ...syncChannels,
  ...syncSettingsChannels,
  ...accountsChannels,
  ...readingsChannels,
  ...readingBatchChannels,
  ...readingSupervisionChannels,
  ...webReadingChannels,
  ...registrationsChannels,
  ...requestsChannels,
  ...questionsChannels,
  ...exportsChannels,
  ...reportsChannels,
  ...conflictsChannels,
  ...updatesChannels,
}

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>
/** Whether a channel may be called before sign-in (`access: 'public'`). */
export type IsPublic<C extends ChannelName> = Channels[C]['access'] extends 'public' ? true : false

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name)
}
