import { FACILITY_EVENT_SCHEMA_VERSIONS, FACILITY_UPCASTERS } from './facility';
import { UNIT_EVENT_SCHEMA_VERSIONS, UNIT_PERSONAL_FIELDS } from './unit';
import { IDENTITY_CLAIM_EVENT_SCHEMA_VERSIONS, IDENTITY_CLAIM_PERSONAL_FIELDS, PERSON_EVENT_SCHEMA_VERSIONS, PERSON_PERSONAL_FIELDS } from './person';
import {
  ACCESS_LOG_EVENT_SCHEMA_VERSIONS,
  SETUP_EVENT_SCHEMA_VERSIONS,
  USER_EVENT_SCHEMA_VERSIONS,
  USER_PERSONAL_FIELDS,
  USERNAME_CLAIM_EVENT_SCHEMA_VERSIONS,
  USERNAME_CLAIM_PERSONAL_FIELDS,
} from './access';
import { CASE_EVENT_SCHEMA_VERSIONS, CASE_PERSONAL_FIELDS } from './case/case.events';
import { REFERRAL_CLAIM_EVENT_SCHEMA_VERSIONS, REFERRAL_CLAIM_PERSONAL_FIELDS } from './case/referral-claim.decider';
import { JOURNAL_EVENT_SCHEMA_VERSIONS, JOURNAL_PERSONAL_FIELDS } from './journal';
import { Upcaster, UpcasterChain } from './shared/upcasting';

/** The current schema version of every event type in the domain. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = {
  ...FACILITY_EVENT_SCHEMA_VERSIONS,
  ...UNIT_EVENT_SCHEMA_VERSIONS,
  ...PERSON_EVENT_SCHEMA_VERSIONS,
  ...IDENTITY_CLAIM_EVENT_SCHEMA_VERSIONS,
  ...USER_EVENT_SCHEMA_VERSIONS,
  ...USERNAME_CLAIM_EVENT_SCHEMA_VERSIONS,
  ...SETUP_EVENT_SCHEMA_VERSIONS,
  ...CASE_EVENT_SCHEMA_VERSIONS,
  ...REFERRAL_CLAIM_EVENT_SCHEMA_VERSIONS,
  ...ACCESS_LOG_EVENT_SCHEMA_VERSIONS,
  ...JOURNAL_EVENT_SCHEMA_VERSIONS,
};

/** Data fields, per event type, that hold personal data (to be encrypted for crypto-shredding). */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ...UNIT_PERSONAL_FIELDS,
  ...PERSON_PERSONAL_FIELDS,
  ...IDENTITY_CLAIM_PERSONAL_FIELDS,
  ...USER_PERSONAL_FIELDS,
  ...USERNAME_CLAIM_PERSONAL_FIELDS,
  ...REFERRAL_CLAIM_PERSONAL_FIELDS,
  ...JOURNAL_PERSONAL_FIELDS,
  ...(CASE_PERSONAL_FIELDS as Readonly<Record<string, readonly string[]>>),
  // The purpose a reader states may describe the person's situation.
  PersonalDataAccessed: ['purpose'],
};

const UPCASTERS: readonly Upcaster[] = [...FACILITY_UPCASTERS];

export function domainUpcasters(): UpcasterChain {
  return new UpcasterChain(EVENT_SCHEMA_VERSIONS, UPCASTERS);
}
