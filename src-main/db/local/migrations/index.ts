import { StaffAuditOutbox1764000000001 } from './1764000000001-staff-audit-outbox'
import { AccountsMetersReadings1764000000002 } from './1764000000002-accounts-meters-readings'
import { AccountSearch1764000000003 } from './1764000000003-account-search'
import { RequestsAndFeedback1764000000004 } from './1764000000004-requests-and-feedback'
import { ReadingBatches1764000000005 } from './1764000000005-reading-batches'
import { ReadingOverrides1764000000006 } from './1764000000006-reading-overrides'
import { Sync1764000000007 } from './1764000000007-sync'
import { WebReadings1764000000008 } from './1764000000008-web-readings'
import { WebInbox1764000000009 } from './1764000000009-web-inbox'
import { Claims1764000000010 } from './1764000000010-claims'
import { SearchTriggersOnRealChanges1764000000011 } from './1764000000011-search-triggers-on-real-changes'
import { OfflineSignIn1764000000012 } from './1764000000012-offline-sign-in'
import { BillingHistoryVersions1764000000013 } from './1764000000013-billing-history-versions'
import { BatchFormStates1764000000014 } from './1764000000014-batch-form-states'
import { PeriodClosures1764000000015 } from './1764000000015-period-closures'
import { SearchByParts1764000000016 } from './1764000000016-search-by-parts'
import { EmailOutOfWordIndex1764000000017 } from './1764000000017-email-out-of-word-index'
import { RequestSteps1764000000018 } from './1764000000018-request-steps'
import { RequestDocumentsAndOwners1764000000019 } from './1764000000019-request-documents-and-owners'
import { QuestionsInbox1764000000020 } from './1764000000020-questions-inbox'
import { ReadingCoverage1764000000022 } from './1764000000022-reading-coverage'
import { MustChangePassword1764000000023 } from './1764000000023-must-change-password'
import { PersonKeys1764000000024 } from './1764000000024-person-keys'
import { MadeAlone1764000000025 } from './1764000000025-made-alone'
import { ChainedProofs1764000000026 } from './1764000000026-chained-proofs'
import { OneNameForQuestions1764000000027 } from './1764000000027-one-name-for-questions'
import { PasswordResets1764000000028 } from './1764000000028-password-resets'
import { NumberTail1764000000029 } from './1764000000029-number-tail'
import { GivenNameKeys1764000000030 } from './1764000000030-given-name-keys'
import { RequestKindsCore1764000000031 } from './1764000000031-request-kinds-core'
import { AccountNotes1764000000032 } from './1764000000032-account-notes'
import { ReadingsByPeriod1764000000021 } from './1764000000021-readings-by-period'

/** In the order they run. A migration, once released, is never edited: add the next one. */
export const localMigrations = [
  StaffAuditOutbox1764000000001,
  AccountsMetersReadings1764000000002,
  AccountSearch1764000000003,
  RequestsAndFeedback1764000000004,
  ReadingBatches1764000000005,
  ReadingOverrides1764000000006,
  Sync1764000000007,
  WebReadings1764000000008,
  WebInbox1764000000009,
  Claims1764000000010,
  SearchTriggersOnRealChanges1764000000011,
  OfflineSignIn1764000000012,
  BillingHistoryVersions1764000000013,
  BatchFormStates1764000000014,
  PeriodClosures1764000000015,
  SearchByParts1764000000016,
  EmailOutOfWordIndex1764000000017,
  RequestSteps1764000000018,
  RequestDocumentsAndOwners1764000000019,
  QuestionsInbox1764000000020,
  ReadingsByPeriod1764000000021,
  ReadingCoverage1764000000022,
  MustChangePassword1764000000023,
  PersonKeys1764000000024,
  MadeAlone1764000000025,
  ChainedProofs1764000000026,
  OneNameForQuestions1764000000027,
  PasswordResets1764000000028,
  NumberTail1764000000029,
  GivenNameKeys1764000000030,
  RequestKindsCore1764000000031,
  AccountNotes1764000000032,
]
