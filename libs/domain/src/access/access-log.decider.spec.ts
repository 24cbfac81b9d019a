import { specFor } from '../shared/given-when-then';
import { accessLogDecider, AccessRecord, MAX_ACCESS_PURPOSE_LENGTH } from './access-log.decider';

const record: AccessRecord = {
  accessId: 'a1',
  personId: 'p1',
  caseId: 'c1',
  view: 'case',
  actorId: 'u1',
  actorRole: 'case_worker',
  at: '2026-11-22T10:00:00.000Z',
  flagged: false,
};
const given = specFor(accessLogDecider);

describe('access log', () => {
  it('records a read', () => {
    given()
      .when({ type: 'RecordAccess', ...record })
      .then({ type: 'PersonalDataAccessed', data: record });
  });
  it('records the same read once', () => {
    given({ type: 'PersonalDataAccessed', data: record })
      .when({ type: 'RecordAccess', ...record })
      .thenNothing();
  });
  it('requires a purpose for a flagged read', () => {
    given()
      .when({ type: 'RecordAccess', ...record, flagged: true })
      .thenRejects('access.purpose_required', 'purpose');
    given()
      .when({ type: 'RecordAccess', ...record, flagged: true, purpose: 'Acute crisis at night' })
      .then({
        type: 'PersonalDataAccessed',
        data: { ...record, flagged: true, purpose: 'Acute crisis at night' },
      });
  });
  it('records a write marked as such, with its purpose', () => {
    const write: AccessRecord = { ...record, caseId: undefined, view: 'correction', write: true, flagged: true, purpose: 'Phoned by the resident' };
    given()
      .when({ type: 'RecordAccess', ...write })
      .then({ type: 'PersonalDataAccessed', data: write });
    given()
      .when({ type: 'RecordAccess', ...write, purpose: undefined })
      .thenRejects('access.purpose_required', 'purpose');
  });
  it('flags a referral without a purpose: the referral says why', () => {
    const referral: AccessRecord = { ...record, view: 'referral', write: true, flagged: true };
    given()
      .when({ type: 'RecordAccess', ...referral })
      .then({ type: 'PersonalDataAccessed', data: referral });
  });
  it('refuses a write without the write mark, and a read with it', () => {
    given()
      .when({ type: 'RecordAccess', ...record, view: 'comment', flagged: true, purpose: 'x' })
      .thenRejects('access.write_mismatch', 'view');
    given()
      .when({ type: 'RecordAccess', ...record, write: true })
      .thenRejects('access.write_mismatch', 'view');
  });
  it(`refuses a purpose longer than ${MAX_ACCESS_PURPOSE_LENGTH} characters rather than storing it`, () => {
    given()
      .when({ type: 'RecordAccess', ...record, flagged: true, purpose: 'x'.repeat(MAX_ACCESS_PURPOSE_LENGTH + 1) })
      .thenRejects('access.purpose_too_long', 'purpose');
    given()
      .when({ type: 'RecordAccess', ...record, flagged: true, purpose: 'x'.repeat(MAX_ACCESS_PURPOSE_LENGTH) })
      .thenRecords('PersonalDataAccessed');
  });
});
