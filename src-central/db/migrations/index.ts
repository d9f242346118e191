import { SubscriberData1764100000001 } from './1764100000001-subscriber-data'
import { CommandsAndConflicts1764100000002 } from './1764100000002-commands-and-conflicts'
import { ChangeFeed1764100000003 } from './1764100000003-change-feed'
import { PortalContract1764100000004 } from './1764100000004-portal-contract'
import { ClaimsAndRegistrationDecisions1764100000005 } from './1764100000005-claims-and-registration-decisions'
import { ConsolesAndCentralAudit1764100000006 } from './1764100000006-consoles-and-central-audit'
import { ServiceRole1764100000007 } from './1764100000007-service-role'
import { StaffTokens1764100000008 } from './1764100000008-staff-tokens'
import { StaffHistory1764100000009 } from './1764100000009-staff-history'
import { WebsiteRole1764100000010 } from './1764100000010-website-role'
import { PortalChecks1764100000011 } from './1764100000011-portal-checks'
import { PasswordResets1764100000012 } from './1764100000012-password-resets'
import { BillingImport1764100000013 } from './1764100000013-billing-import'
import { ChargesAndPayments1764100000014 } from './1764100000014-charges-and-payments'
import { PeriodClosures1764100000015 } from './1764100000015-period-closures'
import { RequestSteps1764100000016 } from './1764100000016-request-steps'
import { RequestDocumentsAndOwners1764100000017 } from './1764100000017-request-documents-and-owners'
import { StatementFeedForAccounts1764100000018 } from './1764100000018-statement-feed-for-accounts'
import { QuestionsInbox1764100000019 } from './1764100000019-questions-inbox'
import { AuditDetailAsSent1764100000020 } from './1764100000020-audit-detail-as-sent'
import { MustChangePassword1764100000021 } from './1764100000021-must-change-password'
import { PersonKeys1764100000022 } from './1764100000022-person-keys'
import { SessionsEndWithKeys1764100000023 } from './1764100000023-sessions-end-with-keys'
import { RequestNonces1764100000024 } from './1764100000024-request-nonces'
import { DefinerFunctionsPinned1764100000025 } from './1764100000025-definer-functions-pinned'
import { WebsiteResetsAndAttachments1764100000026 } from './1764100000026-website-resets-and-attachments'
import { ContractVersion1764100000027 } from './1764100000027-contract-version'
import { OneNameForQuestions1764100000028 } from './1764100000028-one-name-for-questions'
import { WebsiteTextAndRequests1764100000029 } from './1764100000029-website-text-and-requests'
import { WebsiteLimitsAndOneAcceptedReading1764100000030 } from './1764100000030-website-limits-and-one-accepted-reading'
import { OwnerSwitches1764100000031 } from './1764100000031-owner-switches'
import { PasswordResetsOnConsoles1764100000032 } from './1764100000032-password-resets-on-consoles'
import { RequestKindsCore1764100000033 } from './1764100000033-request-kinds-core'
import { MeterCommissioning1764100000034 } from './1764100000034-meter-commissioning'
import { AccountNotes1764100000035 } from './1764100000035-account-notes'

/** In order; TypeORM records each in `migrations` and never runs one twice. */
export const centralMigrations = [
  SubscriberData1764100000001,
  CommandsAndConflicts1764100000002,
  ChangeFeed1764100000003,
  PortalContract1764100000004,
  ClaimsAndRegistrationDecisions1764100000005,
  ConsolesAndCentralAudit1764100000006,
  ServiceRole1764100000007,
  StaffTokens1764100000008,
  StaffHistory1764100000009,
  WebsiteRole1764100000010,
  PortalChecks1764100000011,
  PasswordResets1764100000012,
  BillingImport1764100000013,
  ChargesAndPayments1764100000014,
  PeriodClosures1764100000015,
  RequestSteps1764100000016,
  RequestDocumentsAndOwners1764100000017,
  StatementFeedForAccounts1764100000018,
  QuestionsInbox1764100000019,
  AuditDetailAsSent1764100000020,
  MustChangePassword1764100000021,
  PersonKeys1764100000022,
  SessionsEndWithKeys1764100000023,
  RequestNonces1764100000024,
  DefinerFunctionsPinned1764100000025,
  WebsiteResetsAndAttachments1764100000026,
  ContractVersion1764100000027,
  OneNameForQuestions1764100000028,
  WebsiteTextAndRequests1764100000029,
  WebsiteLimitsAndOneAcceptedReading1764100000030,
  OwnerSwitches1764100000031,
  PasswordResetsOnConsoles1764100000032,
  RequestKindsCore1764100000033,
  MeterCommissioning1764100000034,
  AccountNotes1764100000035,
]
