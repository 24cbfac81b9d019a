import { CaseCommandType, IsoDate } from '@app/domain';
import { PersonName } from '../../read-models/cases/person-names';

/**
 * What waits for whom. The team lead's inbox holds what needs a decision or a review; the case worker's
 * what needs doing on a running case before a date passes. Each kind names the case command that
 * clears it (null where the item is cleared elsewhere: a contact in the journal, a late entry read),
 * and whether its day is a deadline (counted down to) or the day it began to wait (counted from).
 */
export const WORK_ITEM_KINDS = {
  decision_awaited: { queue: 'lead', command: 'IssueDecision', deadline: false },
  preliminary_reply_due: { queue: 'lead', command: 'IssueDecision', deadline: false },
  appeal_review: { queue: 'lead', command: 'ReviewAppeal', deadline: false },
  appeal_forwarding: { queue: 'lead', command: 'ForwardAppeal', deadline: false },
  exclusion_alternative: { queue: 'lead', command: 'RecordAlternativeOffered', deadline: false },
  late_entry: { queue: 'lead', command: null, deadline: false },
  offer_past_expiry: { queue: 'worker', command: 'ExpireOffer', deadline: true },
  offer_expiring: { queue: 'worker', command: 'AcceptOffer', deadline: true },
  agreement_past_end: { queue: 'worker', command: 'ExtendAgreement', deadline: true },
  agreement_past_limit: { queue: 'worker', command: 'ConvertToLease', deadline: true },
  agreement_ending: { queue: 'worker', command: 'ExtendAgreement', deadline: true },
  contact_overdue: { queue: 'worker', command: null, deadline: false },
  appeal_deadline: { queue: 'worker', command: null, deadline: true },
  consent_withdrawn: { queue: 'worker', command: 'RenewConsent', deadline: false },
  consent_expired: { queue: 'worker', command: 'RenewConsent', deadline: false },
  consent_expiring: { queue: 'worker', command: 'RenewConsent', deadline: true },
} as const satisfies Record<string, { queue: WorkQueueName; command: CaseCommandType | null; deadline: boolean }>;

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
