import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history, stateOf } from '../case.fixtures';

const given = specFor(caseDecider);
const where = { personId: 'p1', facilityId: 'f1', unitId: 'u1' };
const temporaryStay = (endsOn = '2025-03-01') =>
  history('offerAccepted', cmd.moveIn({ agreement: { kind: 'temporary_agreement', startsOn: '2025-02-01', endsOn } }));

describe('during the stay', () => {
  describe('ExtendAgreement', () => {
    it('extends a service agreement within 12 months of its original start', () => {
      given(...history('resident'))
        .when(cmd.extend('2026-02-01'))
        .then({
          type: 'AgreementExtended',
          data: {
            caseId: 'c1',
            on: '2025-07-01',
            endsOn: '2026-02-01',
            ...where,
            agreementKind: 'service_agreement',
            previousEndsOn: '2025-08-01',
            agreementLimit: '2026-02-01',
          },
        });
    });
    it('refuses a service agreement extended one day past 12 months', () => {
      given(...history('resident'))
        .when(cmd.extend('2026-02-02'))
        .thenRejects('agreement.service_max_12_months', 'endsOn');
    });
    it('counts from the original start, also after an earlier extension', () => {
      given(...history('resident', cmd.extend('2025-12-01')))
        .when(cmd.extend('2026-02-02', { on: '2025-11-01' }))
        .thenRejects('agreement.service_max_12_months', 'endsOn');
    });
    it('extends a temporary agreement up to 3 months, beyond only with a written justification', () => {
      given(...temporaryStay())
        .when(cmd.extend('2025-05-01'))
        .thenRecords('AgreementExtended');
      given(...temporaryStay())
        .when(cmd.extend('2025-05-02'))
        .thenRejects('agreement.temporary_max_3_months', 'endsOn');
      given(...temporaryStay())
        .when(cmd.extend('2025-06-01', { extensionJustification: 'Municipal flat ready 1 June' }))
        .thenRecords('AgreementExtended');
    });
    it('extends a time-limited lease without an upper limit', () => {
      const leaseTerms = { specialTermsHusll11_1: false, indefinite: false };
      given(...history('offerAccepted', cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2028-02-01', leaseTerms } })))
        .when(cmd.extend('2031-02-01'))
        .thenRecords('AgreementExtended');
    });
    it('records nothing when the end is the same', () => {
      given(...history('resident'))
        .when(cmd.extend('2025-08-01'))
        .thenNothing();
    });
    it('refuses an earlier end', () => {
      given(...history('resident'))
        .when(cmd.extend('2025-07-31'))
        .thenRejects('agreement.extension_not_later', 'endsOn');
    });
    it('has nothing to extend on an indefinite lease', () => {
      given(...history('resident', cmd.convert()))
        .when(cmd.extend('2030-01-01'))
        .thenRejects('agreement.not_time_limited');
    });
    it('needs a resident', () => {
      given(...history('movedOut'))
        .when(cmd.extend('2025-09-01'))
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('ConvertToLease', () => {
    it('converts a service agreement to an ordinary lease when both sides agree (Melhus)', () => {
      const { type: _type, today: _today, ...fields } = cmd.convert();
      given(...history('resident'))
        .when(cmd.convert())
        .then({
          type: 'AgreementConvertedToLease',
          data: { ...fields, ...where, previousKind: 'service_agreement', previousEndsOn: '2025-08-01' },
        });
    });
    it('leaves the stay on a lease without a limit', () => {
      const state = stateOf(history('resident', cmd.convert()));
      const agreement = state.status === 'resident' ? state.stay.agreement : undefined;
      expect(agreement).toMatchObject({ kind: 'lease', startsOn: '2025-08-01' });
      expect(agreement?.endsOn).toBeUndefined();
      expect(agreement?.limit).toBeUndefined();
    });
    it('is idempotent', () => {
      given(...history('resident', cmd.convert()))
        .when(cmd.convert())
        .thenNothing();
    });
    it('needs the resident to agree', () => {
      given(...history('resident'))
        .when(cmd.convert({ residentAgrees: false }))
        .thenRejects('agreement.conversion_requires_both_parties', 'residentAgrees');
    });
    it('needs the landlord to agree', () => {
      given(...history('resident'))
        .when(cmd.convert({ landlordAgrees: false }))
        .thenRejects('agreement.conversion_requires_both_parties', 'landlordAgrees');
    });
    it('allows a time-limited lease of exactly 3 years and refuses a shorter one', () => {
      const leaseTerms = { specialTermsHusll11_1: false, indefinite: false };
      given(...history('resident'))
        .when(cmd.convert({ leaseTerms, endsOn: '2028-08-01' }))
        .thenRecords('AgreementConvertedToLease');
      given(...history('resident'))
        .when(cmd.convert({ leaseTerms, endsOn: '2028-07-31' }))
        .thenRejects('agreement.lease_min_3_years', 'endsOn');
    });
    it('refuses special terms without written notice before the lease starts', () => {
      given(...history('resident'))
        .when(cmd.convert({ leaseTerms: { specialTermsHusll11_1: true, indefinite: true } }))
        .thenRejects('agreement.lease_special_terms_notice', 'leaseTerms.writtenNoticeGivenOn');
    });
    it('converts only a service agreement', () => {
      given(...temporaryStay())
        .when(cmd.convert())
        .thenRejects('agreement.convert_only_service_agreement');
    });
  });

  describe('TransferUnit', () => {
    it('moves the resident to another unit', () => {
      given(...history('resident'))
        .when(cmd.transfer())
        .then({
          type: 'UnitTransferred',
          data: {
            caseId: 'c1',
            on: '2025-03-15',
            transferId: 't1',
            toUnitId: 'u2',
            unit: { kind: 'permanent' },
            reason: 'Reinforced flat after water damage',
            personId: 'p1',
            facilityId: 'f1',
            fromUnitId: 'u1',
          },
        });
    });
    it('is idempotent', () => {
      given(...history('resident', cmd.transfer()))
        .when(cmd.transfer())
        .thenNothing();
    });
    it('refuses the same unit', () => {
      given(...history('resident'))
        .when(cmd.transfer({ toUnitId: 'u1' }))
        .thenRejects('transfer.same_unit', 'toUnitId');
    });
    it('needs a reason', () => {
      given(...history('resident'))
        .when(cmd.transfer({ reason: '' }))
        .thenRejects('transfer.reason_required', 'reason');
    });
    it('needs a resident', () => {
      given(...history('offerAccepted'))
        .when(cmd.transfer())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('RecordIncident', () => {
    it('records an incident in the unit', () => {
      const { type: _type, today: _today, ...fields } = cmd.incident();
      given(...history('resident'))
        .when(cmd.incident())
        .then({ type: 'IncidentRecorded', data: { ...fields, ...where } });
    });
    it('records an incident in ambulant follow-up too, in no unit; not while only referred', () => {
      const { type: _type, today: _today, ...fields } = cmd.incident();
      given(...history('ambulant'))
        .when(cmd.incident())
        .then({ type: 'IncidentRecorded', data: { ...fields, personId: 'p1', facilityId: 'f1' } });
      given(...history('referred'))
        .when(cmd.incident())
        .thenRejects('case.not_allowed_in_status');
    });
    it('is idempotent', () => {
      given(...history('resident', cmd.incident()))
        .when(cmd.incident())
        .thenNothing();
    });
    it('refuses a different incident under a used id', () => {
      given(...history('resident', cmd.incident()))
        .when(cmd.incident({ severity: 'high' }))
        .thenRejects('case.id_already_used', 'incidentId');
    });
    it('needs a description', () => {
      given(...history('resident'))
        .when(cmd.incident({ description: ' ' }))
        .thenRejects('incident.description_required', 'description');
    });
    it('needs a resident', () => {
      given(...history('granted'))
        .when(cmd.incident())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('IssueWarning', () => {
    it('issues a numbered warning about an incident', () => {
      const { type: _type, today: _today, ...fields } = cmd.warning();
      given(...history('resident', cmd.incident()))
        .when(cmd.warning())
        .then({ type: 'WarningIssued', data: { ...fields, ...where, warningNumber: 1 } });
    });
    it('is idempotent', () => {
      given(...history('resident', cmd.incident(), cmd.warning()))
        .when(cmd.warning())
        .thenNothing();
    });
    it('refuses an unknown incident', () => {
      given(...history('resident'))
        .when(cmd.warning())
        .thenRejects('warning.unknown_incident', 'relatedIncidentId');
    });
    it('needs a reason', () => {
      given(...history('resident'))
        .when(cmd.warning({ reason: '', relatedIncidentId: undefined }))
        .thenRejects('warning.reason_required', 'reason');
    });
    it('needs a resident', () => {
      given(...history('movedOut'))
        .when(cmd.warning())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('RecordAbsence and RecordReturn', () => {
    it('records an absence', () => {
      const { type: _type, today: _today, ...fields } = cmd.absence();
      given(...history('resident'))
        .when(cmd.absence())
        .then({ type: 'AbsenceRecorded', data: { ...fields, ...where } });
    });
    it('is idempotent', () => {
      given(...history('resident', cmd.absence()))
        .when(cmd.absence())
        .thenNothing();
    });
    it('records one absence at a time', () => {
      given(...history('resident', cmd.absence()))
        .when(cmd.absence({ absenceId: 'ab2' }))
        .thenRejects('absence.already_absent');
    });
    it('needs a resident', () => {
      given(...history('granted'))
        .when(cmd.absence())
        .thenRejects('case.not_allowed_in_status');
    });
    it('records the return with the days away', () => {
      given(...history('resident', cmd.absence()))
        .when(cmd.returned())
        .then({
          type: 'ReturnRecorded',
          data: { caseId: 'c1', on: '2025-03-09', absenceId: 'ab1', ...where, kind: 'hospital_admission', from: '2025-03-04', days: 5 },
        });
    });
    it('records the return idempotently', () => {
      given(...history('resident', cmd.absence(), cmd.returned()))
        .when(cmd.returned())
        .thenNothing();
    });
    it('refuses a return for another absence', () => {
      given(...history('resident', cmd.absence()))
        .when(cmd.returned({ absenceId: 'ab9' }))
        .thenRejects('absence.not_open', 'absenceId');
    });
    it('refuses a return before the absence began', () => {
      given(...history('resident', cmd.absence()))
        .when(cmd.returned({ on: '2025-03-03' }))
        .thenRejects('absence.return_before_start', 'on');
    });
    it('needs an open absence', () => {
      given(...history('resident'))
        .when(cmd.returned())
        .thenRejects('absence.none_open');
    });
  });
});
