import { RowChange } from '@app/projections';
import { domainProjection } from '../shared/projected-event';

/**
 * Returns to homelessness (the idea of HUD System Performance Measure 2): of the people who moved out
 * to a permanent destination, who was referred again — to any facility — within 6, 12 or 24 months.
 * Two fact tables: every move-out (with its HMIS destination category) and every referral, each keyed
 * by case; the matching of exits to later referrals of the same person happens at query time.
 */
export const RETURNS = 'returns';

export const returnsProjection = domainProjection({
  name: RETURNS,
  version: 1,
  eventTypes: ['ReferralRegistered', 'MovedOut'],
  onPoison: 'continue',
  tables: [
    {
      name: 'returns_exits',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, moved_out_on TEXT NOT NULL,
        destination TEXT NOT NULL, destination_category TEXT NOT NULL, exit_reason TEXT NOT NULL`,
      indexes: ['(facility_id, moved_out_on)', '(person_id)'],
    },
    {
      name: 'returns_referrals',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, referred_on TEXT NOT NULL`,
      indexes: ['(person_id, referred_on)'],
    },
  ],
  handle(e): RowChange[] {
    switch (e.type) {
      case 'ReferralRegistered': {
        const d = e.data;
        return [
          {
            op: 'upsert',
            table: 'returns_referrals',
            key: ['case_id'],
            row: { case_id: d.caseId, person_id: d.personId, facility_id: d.facilityId, referred_on: d.on },
          },
        ];
      }
      case 'MovedOut': {
        const d = e.data;
        const row = {
          case_id: d.caseId,
          person_id: d.personId,
          facility_id: d.facilityId,
          moved_out_on: d.on,
          destination: d.destination,
          destination_category: d.destinationCategory,
          exit_reason: d.exitReason,
        };
        return [{ op: 'upsert', table: 'returns_exits', key: ['case_id'], row }];
      }
      default:
        return [];
    }
  },
});
