import { accept, nothingToDo, reject } from '../../shared/decider';
import { daysBetween } from '../../shared/dates';
import { checkEndWithinLimit, checkLease } from '../agreement-limits';
import { ResidentCase, openAbsenceId } from '../case.state';
import { fieldsOf, Handlers, isBlank, onlyIn, whom } from './handler';

/**
 * During the stay: the agreement (extension, conversion to a lease), moves between units, incidents,
 * warnings and absences. All need a resident; events name the unit so boards need no other stream.
 */
const residentOnly = (type: Parameters<typeof onlyIn>[0]) => onlyIn(type, 'resident');
const where = (state: ResidentCase) => ({ ...whom(state), unitId: state.stay.unitId });

export const stayHandlers: Handlers<
  'ExtendAgreement' | 'ConvertToLease' | 'TransferUnit' | 'RecordIncident' | 'IssueWarning' | 'RecordAbsence' | 'RecordReturn'
> = {
  ExtendAgreement: {
    unavailable: (state) =>
      residentOnly('ExtendAgreement')(state) ??
      (state.stay?.agreement.endsOn !== undefined ? undefined : reject('agreement.not_time_limited', 'An indefinite lease has no end to extend')),
    decide(command, state: ResidentCase) {
      const { agreement } = state.stay;
      const previousEndsOn = agreement.endsOn as string;
      if (command.endsOn === previousEndsOn) return nothingToDo;
      if (command.endsOn < previousEndsOn) {
        return reject('agreement.extension_not_later', `An extension ends after ${previousEndsOn}`, { field: 'endsOn' });
      }
      // The limit counts from the agreement's original start: extending does not restart the clock.
      const overLimit = checkEndWithinLimit(agreement.kind, command.endsOn, agreement.limit, command.extensionJustification, 'endsOn');
      if (overLimit) return overLimit;
      return accept({
        type: 'AgreementExtended',
        data: { ...fieldsOf(command), ...where(state), agreementKind: agreement.kind, previousEndsOn, agreementLimit: agreement.limit },
      });
    },
  },

  ConvertToLease: {
    // Melhus: when the stay works for both sides, the service agreement becomes an ordinary lease.
    unavailable: (state) =>
      residentOnly('ConvertToLease')(state) ??
      (state.stay?.agreement.kind === 'service_agreement'
        ? undefined
        : reject('agreement.convert_only_service_agreement', 'Only a service agreement is converted to a lease')),
    decide(command, state: ResidentCase) {
      if (!command.residentAgrees || !command.landlordAgrees) {
        return reject('agreement.conversion_requires_both_parties', 'Both the resident and the landlord agree to the lease', {
          field: command.residentAgrees ? 'landlordAgrees' : 'residentAgrees',
        });
      }
      const broken = checkLease(command.leaseStartsOn, command.endsOn, command.leaseTerms, '');
      if (broken) return broken;
      const { agreement } = state.stay;
      return accept({
        type: 'AgreementConvertedToLease',
        data: { ...fieldsOf(command), ...where(state), previousKind: agreement.kind, previousEndsOn: agreement.endsOn },
      });
    },
  },

  TransferUnit: {
    unavailable: residentOnly('TransferUnit'),
    decide(command, state: ResidentCase) {
      if (command.toUnitId === state.stay.unitId) {
        return reject('transfer.same_unit', 'The person already lives in this unit', { field: 'toUnitId' });
      }
      if (isBlank(command.reason)) return reject('transfer.reason_required', 'Write why the person moves', { field: 'reason' });
      return accept({ type: 'UnitTransferred', data: { ...fieldsOf(command), ...whom(state), fromUnitId: state.stay.unitId } });
    },
  },

  RecordIncident: {
    // Also in ambulant follow-up (Housing First, people followed outside the building): the incident
    // then belongs to no unit.
    unavailable: onlyIn('RecordIncident', 'resident', 'ambulant'),
    decide(command, state) {
      if (isBlank(command.description)) {
        return reject('incident.description_required', 'Describe what happened', { field: 'description' });
      }
      const place = state.status === 'resident' ? where(state as ResidentCase) : whom(state);
      return accept({ type: 'IncidentRecorded', data: { ...fieldsOf(command), ...place } });
    },
  },

  IssueWarning: {
    unavailable: residentOnly('IssueWarning'),
    decide(command, state: ResidentCase) {
      if (isBlank(command.reason)) return reject('warning.reason_required', 'Write why the warning is given', { field: 'reason' });
      if (command.relatedIncidentId !== undefined && !state.incidents[command.relatedIncidentId]) {
        return reject('warning.unknown_incident', 'No such incident on this case', { field: 'relatedIncidentId' });
      }
      return accept({ type: 'WarningIssued', data: { ...fieldsOf(command), ...where(state), warningNumber: state.warnings + 1 } });
    },
  },

  RecordAbsence: {
    unavailable: (state) =>
      residentOnly('RecordAbsence')(state) ??
      (openAbsenceId(state) === undefined ? undefined : reject('absence.already_absent', 'The resident is already recorded as away')),
    decide: (command, state: ResidentCase) => accept({ type: 'AbsenceRecorded', data: { ...fieldsOf(command), ...where(state) } }),
  },

  RecordReturn: {
    unavailable: (state) =>
      residentOnly('RecordReturn')(state) ??
      (openAbsenceId(state) !== undefined ? undefined : reject('absence.none_open', 'The resident is not recorded as away')),
    decide(command, state: ResidentCase) {
      const absence = state.absences[command.absenceId];
      if (!absence || absence.returnedOn !== undefined) {
        return reject('absence.not_open', 'This absence is not open', { field: 'absenceId' });
      }
      if (command.on < absence.from) return reject('absence.return_before_start', 'The return is after the absence began', { field: 'on' });
      return accept({
        type: 'ReturnRecorded',
        data: { ...fieldsOf(command), ...where(state), kind: absence.kind, from: absence.from, days: daysBetween(absence.from, command.on) },
      });
    },
  },
};
