import { IsoDate } from '../shared/dates';

/**
 * Consent with a lifecycle (samtykke): given with the referral, renewed, withdrawn. Health information
 * may be shared with others only under a consent in force (helsepersonelloven § 22, forvaltningsloven
 * § 13 a nr. 1): its scope, the services it names as recipients, and the day it runs to.
 *
 * Kept as dated entries, never as one mutable record, so the consent on a day is the same answer in
 * whatever order the entries were recorded: the latest entry on or before the day decides; on one day
 * a renewal counts after a withdrawal (renewing is what one does after withdrawing, not before), and
 * of two renewals the one that runs longer.
 */
export const CONSENT_RECIPIENTS = ['nav', 'gp', 'lar', 'dps', 'debt_counselling', 'landlord', 'other'] as const;
export type ConsentRecipient = (typeof CONSENT_RECIPIENTS)[number];

export type ConsentEntry =
  | {
      readonly kind: 'given';
      readonly on: IsoDate;
      readonly recipients: readonly ConsentRecipient[];
      /** The last day it holds; none: until withdrawn. */
      readonly expiresOn?: IsoDate;
    }
  | { readonly kind: 'withdrawn'; readonly on: IsoDate };

export type ConsentStanding =
  | { readonly status: 'in_force'; readonly since: IsoDate; readonly recipients: readonly ConsentRecipient[]; readonly expiresOn?: IsoDate }
  | { readonly status: 'withdrawn'; readonly since: IsoDate }
  | { readonly status: 'expired'; readonly since: IsoDate }
  | { readonly status: 'none' };

/** How entries of one day rank: a withdrawal, then renewals by how long they run (none: longest). */
const rank = (e: ConsentEntry): string => (e.kind === 'withdrawn' ? '0' : `1${e.expiresOn ?? '9999-12-31'}`);

/**
 * The entry that decides the day: the latest on or before it. Entries of one day rank as `rank` says,
 * so the answer never depends on the order they were recorded in.
 */
function latestOn(entries: readonly ConsentEntry[], day: IsoDate): ConsentEntry | undefined {
  let latest: ConsentEntry | undefined;
  for (const e of entries) {
    if (e.on > day) continue;
    if (!latest || e.on > latest.on || (e.on === latest.on && rank(e) > rank(latest))) latest = e;
  }
  return latest;
}

/** The consent on a day: in force (with what it covers), withdrawn, expired, or none given yet. */
export function consentOn(entries: readonly ConsentEntry[], day: IsoDate): ConsentStanding {
  const latest = latestOn(entries, day);
  if (!latest) return { status: 'none' };
  if (latest.kind === 'withdrawn') return { status: 'withdrawn', since: latest.on };
  if (latest.expiresOn !== undefined && latest.expiresOn < day) return { status: 'expired', since: latest.expiresOn };
  return { status: 'in_force', since: latest.on, recipients: latest.recipients, expiresOn: latest.expiresOn };
}

/** Whether the latest entry of all is a withdrawal: nothing left to withdraw until it is renewed. */
export function lastWithdrawn(entries: readonly ConsentEntry[]): boolean {
  const latest = latestOn(entries, '9999-12-31');
  return latest?.kind === 'withdrawn';
}
