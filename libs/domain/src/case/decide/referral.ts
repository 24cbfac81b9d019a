import { accept, Decision, reject } from '../../shared/decider';
import { ageOn } from '../../shared/dates';
import { RegisterReferral } from '../case.commands';
import { CaseEvent } from '../case.events';
import { fieldsOf, Handlers, leaveWaitingList, onlyIn, Rejection, whom } from './handler';

/**
 * Referral (henvisning / innsøking): a person is referred to a facility with their consent, and
 * screened against the facility's target group; a referral can be withdrawn before move-in.
 */

/** Decided on an empty stream only (the dispatcher routes it here). */
export function registerReferral(command: RegisterReferral): Decision<CaseEvent> {
  // Health information may be shared with the housing service and the assessment team only with the
  // person's consent (helsepersonelloven § 22, forvaltningsloven § 13 a nr. 1); the offer is voluntary.
  if (!command.consent.given) {
    return reject('referral.consent_required', 'The person must consent to the referral', { field: 'consent.given' });
  }
  const outside = outsideTargetGroup(command);
  if (outside) return outside;
  return accept({
    type: 'ReferralRegistered',
    data: {
      ...fieldsOf(command),
      facilityId: command.facility.facilityId,
      ageOnReferral: ageOn(command.person.birthDate, command.on),
    },
  });
}

/** Bolig Nu: nobody under 18, no families with children, no known active heavy users; Trondheim: ROP only. */
function outsideTargetGroup({ facility, person, screening, on }: RegisterReferral): Rejection | undefined {
  const rules = facility.targetGroup;
  const age = ageOn(person.birthDate, on);
  if (rules.minAge !== undefined && age < rules.minAge) {
    return reject('referral.target_group.min_age', `The facility takes people from ${rules.minAge} years; the person is ${age}`, {
      field: 'person.birthDate',
      details: { age, minAge: rules.minAge },
    });
  }
  if (rules.maxAge !== undefined && age > rules.maxAge) {
    return reject('referral.target_group.max_age', `The facility takes people up to ${rules.maxAge} years; the person is ${age}`, {
      field: 'person.birthDate',
      details: { age, maxAge: rules.maxAge },
    });
  }
  if (rules.excludesFamiliesWithChildren && screening.familyWithChildren) {
    return reject('referral.target_group.families_with_children', 'The facility does not take families with children', {
      field: 'screening.familyWithChildren',
    });
  }
  if (rules.excludesActiveHeavySubstanceUse && screening.activeHeavySubstanceUse) {
    return reject('referral.target_group.active_heavy_substance_use', 'The facility does not take known active heavy users', {
      field: 'screening.activeHeavySubstanceUse',
    });
  }
  if (rules.requiresCoOccurringDisorder && !screening.coOccurringDisorder) {
    return reject('referral.target_group.co_occurring_disorder_required', 'The facility is for people with a co-occurring disorder', {
      field: 'screening.coOccurringDisorder',
    });
  }
  return undefined;
}

export const referralHandlers: Handlers<'RegisterReferral' | 'WithdrawReferral'> = {
  RegisterReferral: {
    unavailable: () => reject('referral.already_registered', 'This case already has its referral'),
    decide: () => reject('referral.already_registered', 'This case already has its referral'),
  },
  WithdrawReferral: {
    // Before move-in; an open offer or a mapping in progress is ended first (decline / end mapping),
    // so that the occupancy board and the offer statistics see those ends as what they are.
    unavailable: onlyIn('WithdrawReferral', 'referred', 'in_assessment', 'accepted', 'waitlisted'),
    decide(command, state) {
      return accept<CaseEvent>(...leaveWaitingList(state, command, 'referral_withdrawn'), {
        type: 'ReferralWithdrawn',
        data: { ...fieldsOf(command), ...whom(state), fromStatus: state.status },
      });
    },
  },
};
