import { CaseCommandType, IsoDate } from '@app/domain';
import { PersonName } from '../../read-models/cases/person-names';

/**
 * What waits for whom. The team lead's inbox holds what needs a decision or a review; the case worker's
 * what needs doing on a running case before a date passes. Each kind names the case command that
 * clears it (null where the item is cleared elsewhere: a contact in the journal, a late entry read).
 */
export const WORK_ITEM_KINDS = {
  decision_awaited: { queue: 'lead', command: 'IssueDecision' },
  preliminary_reply_due: { queue: 'lead', command: 'IssueDecision' },
  appeal_review: { queue: 'lead', command: 'ReviewAppeal' },
  appeal_forwarding: { queue: 'lead', command: 'ForwardAppeal' },
  exclusion_alternative: { queue: 'lead', command: 'RecordAlternativeOffered' },
  late_entry: { queue: 'lead', command: null },
  offer_past_expiry: { queue: 'worker', command: 'ExpireOffer' },
  offer_expiring: { queue: 'worker', command: 'AcceptOffer' },
  agreement_past_end: { queue: 'worker', command: 'ExtendAgreement' },
  agreement_past_limit: { queue: 'worker', command: 'ConvertToLease' },
  agreement_ending: { queue: 'worker', command: 'ExtendAgreement' },
  contact_overdue: { queue: 'worker', command: null },
  appeal_deadline: { queue: 'worker', command: null },
  consent_withdrawn: { queue: 'worker', command: 'RenewConsent' },
  consent_expired: { queue: 'worker', command: 'RenewConsent' },
  consent_expiring: { queue: 'worker', command: 'RenewConsent' },
} as const satisfies Record<string, { queue: WorkQueueName; command: CaseCommandType | null }>;

export type WorkQueueName = 'lead' | 'worker';
export type WorkItemKind = keyof typeof WORK_ITEM_KINDS;

export interface WorkItem {
  kind: WorkItemKind;
  queue: WorkQueueName;
  caseId: string;
  personId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  facilityId: string;
  /** The day the item is about: the deadline where there is one, else the day it began to wait. */
  on: IsoDate;
  /** Whether `on` is a deadline (then `days` counts down to it) or the day the item began to wait. */
  deadline: boolean;
  /** Days left to `on` (negative once passed) for a deadline; days waited since `on` otherwise. */
  days: number | null;
  /** The case command that clears it, if one does. */
  command: CaseCommandType | null;
}

export interface WorkQueue {
  today: IsoDate;
  /** Days without a contact after which a followed case shows as overdue. */
  contactDays: number;
  items: WorkItem[];
  counts: Record<WorkQueueName, number>;
}

/** Is a deadline kind: `days` counts down to `on`. */
export const DEADLINE_KINDS: ReadonlySet<WorkItemKind> = new Set([
  'offer_past_expiry',
  'offer_expiring',
  'agreement_past_end',
  'agreement_past_limit',
  'agreement_ending',
  'appeal_deadline',
  'consent_expiring',
]);
