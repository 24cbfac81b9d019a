import type { CaseEventType } from '@app/domain';
import { RowChange } from '@app/projections';
import { domainProjection, ProjectedEvent } from '../shared/projected-event';

/**
 * Agreements and offers that need a supervisor's eye: the agreement each resident lives under (kind,
 * start, end, limit) and the offers made to people (open, answered, expired).
 *
 * Rows hold facts as the events state them, with absolute values keyed by case (and offer): applying
 * an event again writes the same row. Everything that depends on "today" (ending soon, past the
 * limit, past expiry) is worked out when the dashboard is queried, never stored.
 *
 * Table names carry the projection's name, so they are unique among all read models whatever the
 * engine's physical naming.
 * - `agreement_watch_agreements`: one row per stay (a case has at most one). MovedIn writes the agreement signed;
 *   AgreementExtended moves the end (and records whether a written justification was given);
 *   AgreementConvertedToLease makes it a lease (no limit); UnitTransferred moves the unit; MovedOut
 *   ends the stay.
 * - `agreement_watch_changes`: each extension or conversion as a fact keyed by its log position, so the
 *   dashboard can say how many times an agreement was extended without counting in the handler.
 * - `agreement_watch_offers`: one row per offer, with its answer.
 */
export const AGREEMENT_WATCH = 'agreement_watch';

export const agreementWatchProjection = domainProjection({
  name: AGREEMENT_WATCH,
  version: 1,
  eventTypes: [
    'MovedIn',
    'AgreementExtended',
    'AgreementConvertedToLease',
    'UnitTransferred',
    'MovedOut',
    'UnitOffered',
    'OfferAccepted',
    'OfferDeclined',
    'OfferExpired',
  ],
  onPoison: 'continue',
  tables: [
    {
      name: 'agreement_watch_agreements',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL,
        move_in_id TEXT NOT NULL, moved_in_on TEXT NOT NULL, kind TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT,
        agreement_limit TEXT, justified INTEGER NOT NULL, converted_on TEXT, moved_out_on TEXT`,
      indexes: ['(facility_id, moved_out_on)', '(ends_on)'],
    },
    {
      name: 'agreement_watch_changes',
      columns: `case_id TEXT NOT NULL, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, change TEXT NOT NULL,
        changed_on TEXT NOT NULL, kind TEXT NOT NULL, ends_on TEXT, agreement_limit TEXT, justified INTEGER NOT NULL,
        PRIMARY KEY (case_id, commit_position, prepare_position)`,
    },
    {
      name: 'agreement_watch_offers',
      columns: `case_id TEXT NOT NULL, offer_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL,
        offered_on TEXT NOT NULL, expires_on TEXT NOT NULL, offer_number INTEGER NOT NULL, status TEXT NOT NULL, answered_on TEXT,
        PRIMARY KEY (case_id, offer_id)`,
      indexes: ['(facility_id, status)'],
    },
  ],
  handle(e): RowChange[] {
    const d = e.data;
    const caseKey = { case_id: d.caseId };
    switch (e.type) {
      case 'MovedIn': {
        const m = e.data;
        return [
          {
            op: 'upsert',
            table: 'agreement_watch_agreements',
            key: ['case_id'],
            row: {
              case_id: m.caseId,
              person_id: m.personId,
              facility_id: m.facilityId,
              unit_id: m.unitId,
              move_in_id: m.moveInId,
              moved_in_on: m.on,
              kind: m.agreement.kind,
              starts_on: m.agreement.startsOn,
              ends_on: m.agreement.endsOn ?? null,
              agreement_limit: m.agreementLimit ?? null,
              justified: hasText(m.agreement.extensionJustification),
              converted_on: null,
              moved_out_on: null,
            },
          },
        ];
      }
      case 'AgreementExtended': {
        const x = e.data;
        const justified = hasText(x.extensionJustification);
        return [
          { op: 'update', table: 'agreement_watch_agreements', set: { ends_on: x.endsOn, justified }, where: caseKey },
          change(e, 'extended', { kind: x.agreementKind, ends_on: x.endsOn, agreement_limit: x.agreementLimit ?? null, justified }),
        ];
      }
      case 'AgreementConvertedToLease': {
        const c = e.data;
        const lease = { kind: 'lease', starts_on: c.leaseStartsOn, ends_on: c.endsOn ?? null, agreement_limit: null, justified: 0, converted_on: c.on };
        return [
          { op: 'update', table: 'agreement_watch_agreements', set: lease, where: caseKey },
          change(e, 'converted_to_lease', { kind: 'lease', ends_on: c.endsOn ?? null, agreement_limit: null, justified: 0 }),
        ];
      }
      case 'UnitTransferred':
        return [{ op: 'update', table: 'agreement_watch_agreements', set: { unit_id: e.data.toUnitId }, where: caseKey }];
      case 'MovedOut':
        return [{ op: 'update', table: 'agreement_watch_agreements', set: { moved_out_on: d.on }, where: caseKey }];
      case 'UnitOffered': {
        const o = e.data;
        return [
          {
            op: 'upsert',
            table: 'agreement_watch_offers',
            key: ['case_id', 'offer_id'],
            row: {
              case_id: o.caseId,
              offer_id: o.offerId,
              person_id: o.personId,
              facility_id: o.facilityId,
              unit_id: o.unitId,
              offered_on: o.on,
              expires_on: o.expiresOn,
              offer_number: o.offerNumber,
              status: 'open',
              answered_on: null,
            },
          },
        ];
      }
      case 'OfferAccepted':
      case 'OfferDeclined':
      case 'OfferExpired': {
        const status = e.type === 'OfferAccepted' ? 'accepted' : e.type === 'OfferDeclined' ? 'declined' : 'expired';
        return [
          {
            op: 'update',
            table: 'agreement_watch_offers',
            set: { status, answered_on: e.data.on },
            where: { case_id: e.data.caseId, offer_id: e.data.offerId },
          },
        ];
      }
      default:
        return [];
    }
  },
});

const hasText = (text: string | undefined): number => (text !== undefined && text.trim() !== '' ? 1 : 0);

function change(
  e: ProjectedEvent<CaseEventType>,
  kind: string,
  values: { kind: string; ends_on: string | null; agreement_limit: string | null; justified: number },
): RowChange {
  return {
    op: 'upsert',
    table: 'agreement_watch_changes',
    key: ['case_id', 'commit_position', 'prepare_position'],
    row: {
      case_id: e.data.caseId,
      commit_position: e.position.commit,
      prepare_position: e.position.prepare,
      change: kind,
      changed_on: e.data.on,
      ...values,
    },
  };
}
