import type { MigrationInterface, QueryRunner } from 'typeorm'

const ACCOUNT_NUMBER = `'^[0-9]{4,20}$'`
const EMAIL = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`

/** Named checks per table; the names are the contract's (docs/portal-contract.md, "When a row is refused"). */
const CHECKS: [table: string, name: string, condition: string][] = [
  [
    'portal_registrations',
    'portal_registrations_account_number_format',
    `account_number ~ ${ACCOUNT_NUMBER}`,
  ],
  ['portal_registrations', 'portal_registrations_surname_filled', `portal_filled(surname)`],
  ['portal_registrations', 'portal_registrations_email_shape', `email ~ ${EMAIL} AND length(email) <= 254`],
  [
    'portal_feedback',
    'portal_feedback_account_number_format',
    `account_number IS NULL OR account_number ~ ${ACCOUNT_NUMBER}`,
  ],
  [
    'portal_feedback',
    'portal_feedback_names_filled',
    `portal_filled(surname) AND portal_filled(first_name) AND (patronymic IS NULL OR portal_filled(patronymic))`,
  ],
  [
    'portal_feedback',
    'portal_feedback_email_shape',
    `email IS NULL OR (email ~ ${EMAIL} AND length(email) <= 254)`,
  ],
  ['portal_requests', 'portal_requests_account_number_format', `account_number ~ ${ACCOUNT_NUMBER}`],
  [
    'portal_requests',
    'portal_requests_applicant_filled',
    `portal_filled(applicant_surname) AND portal_filled(applicant_first_name)
      AND (applicant_patronymic IS NULL OR portal_filled(applicant_patronymic))`,
  ],
  [
    'portal_requests',
    'portal_requests_email_shape',
    `email IS NULL OR (email ~ ${EMAIL} AND length(email) <= 254)`,
  ],
  [
    'portal_requests',
    'portal_requests_new_owner_filled',
    `kind = 'closure' OR (portal_filled(new_owner_surname) AND portal_filled(new_owner_first_name)
      AND effective_on IS NOT NULL)`,
  ],
  [
    'portal_request_attachments',
    'portal_request_attachments_size_matches',
    `size_bytes = octet_length(content)`,
  ],
]

/**
 * Contract 2.0's stricter checks (docs/portal-contract.md): names that are not blank and carry no
 * stray spaces, a real email shape, one account-number format in every table, the new owner's first
 * name required for a re-registration, and an attachment whose declared size is its real size. Each
 * check has a name the website maps to a form error. Added NOT VALID: rows written under 1.x stay as
 * they are and readable; every new row is checked.
 */
export class PortalChecks1764100000011 implements MigrationInterface {
  name = 'PortalChecks1764100000011'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION portal_filled(value text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT value IS NOT NULL AND value <> '' AND value = btrim(value) $$`)
    for (const [table, name, condition] of CHECKS)
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${condition}) NOT VALID`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of CHECKS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`)
    await q.query(`DROP FUNCTION portal_filled(text)`)
  }
}
