import { accept, nothingToDo, reject } from '../../shared/decider';
import { ageOn } from '../../shared/dates';
import { agreementLimit, checkAgreement } from '../agreement-limits';
import { MoveIn } from '../case.commands';
import { CaseEvent } from '../case.events';
import { CaseIn, OpenCase, standingGrant } from '../case.state';
import { facilityMismatch, fieldsOf, Handlers, incompleteActionPlan, isPriority, leaveWaitingList, noneGiven, onlyIn, Rejection, whom } from './handler';

/**
 * Waiting list, offers and move-in (tildeling, innflytting). Placing someone in a municipal housing
 * service rests on a granting decision (enkeltvedtak): an offer and a move-in need a grant that stands
 * (the waiting list orders who gets the next unit, it does not grant one). One offer is open at a time;
 * the person accepts or declines (Bolig Nu: 17 of 68 declined), and moves in only to the unit of the
 * offer they accepted.
 */
const priorityOutOfRange = () => reject('waiting_list.priority_range', 'The priority is a whole number from 1 to 5', { field: 'priority' });

function currentOffer(state: CaseIn<'offered' | 'offer_accepted'>, offerId: string) {
  const offer = state.offers[offerId];
  return offerId === state.currentOfferId && offer ? offer : undefined;
}

const offerNotOpen = () => reject('offer.not_open', 'This offer is not the open one', { field: 'offerId' });

export const placementHandlers: Handlers<
  'PlaceOnWaitingList' | 'ChangeWaitingListPriority' | 'RemoveFromWaitingList' | 'OfferUnit' | 'AcceptOffer' | 'DeclineOffer' | 'ExpireOffer' | 'MoveIn'
> = {
  PlaceOnWaitingList: {
    // For a granted person with no free unit (a waitlisted outcome places the person by itself).
    unavailable: (state) =>
      onlyIn('PlaceOnWaitingList', 'accepted')(state) ??
      (standingGrant(state) ? undefined : reject('waiting_list.requires_grant', 'The waiting list follows a grant')),
    decide(command, state) {
      const mismatch = facilityMismatch(state, command.facilityId);
      if (mismatch) return mismatch;
      if (!isPriority(command.priority)) return priorityOutOfRange();
      return accept({ type: 'PlacedOnWaitingList', data: { ...fieldsOf(command), personId: state.personId } });
    },
  },

  ChangeWaitingListPriority: {
    unavailable: (state) => (state.waitingList ? undefined : reject('waiting_list.not_on_list', 'The person is not on the waiting list')),
    decide(command, state) {
      const entry = state.waitingList;
      if (!entry) return reject('waiting_list.not_on_list', 'The person is not on the waiting list');
      if (!isPriority(command.priority)) return priorityOutOfRange();
      if (command.priority === entry.priority) return nothingToDo;
      return accept({
        type: 'WaitingListPriorityChanged',
        data: { ...fieldsOf(command), ...whom(state), previousPriority: entry.priority },
      });
    },
  },

  RemoveFromWaitingList: {
    // While an offer is open the person stays on the list: decline or expire the offer first.
    unavailable: onlyIn('RemoveFromWaitingList', 'waitlisted'),
    decide: (command, state) => accept(...leaveWaitingList(state, command, command.reason, command.note)),
  },

  OfferUnit: {
    unavailable(state) {
      if (state.status === 'offered' || state.status === 'offer_accepted') {
        return reject('offer.already_open', 'Another offer is open; it is answered or expires first');
      }
      if ((state.status === 'waitlisted' || state.status === 'accepted') && standingGrant(state)) return undefined;
      return requiresGrant('offer.requires_grant', 'A unit is offered on a standing grant decision (waitlisted from the meeting: issue the grant first)');
    },
    decide(command, state) {
      const mismatch = facilityMismatch(state, command.facilityId);
      if (mismatch) return mismatch;
      if (command.expiresOn <= command.on) {
        return reject('offer.expiry_not_after_offer', 'The offer expires after the day it is made', { field: 'expiresOn' });
      }
      const offerNumber = Object.keys(state.offers).length + 1;
      return accept({ type: 'UnitOffered', data: { ...fieldsOf(command), personId: state.personId, offerNumber } });
    },
  },

  AcceptOffer: {
    unavailable: onlyIn('AcceptOffer', 'offered'),
    decide(command, state: CaseIn<'offered'>) {
      const offer = currentOffer(state, command.offerId);
      if (!offer) return offerNotOpen();
      if (command.on > offer.expiresOn) {
        return reject('offer.expired', `The offer expired on ${offer.expiresOn}`, { field: 'on', details: { expiresOn: offer.expiresOn } });
      }
      return accept({ type: 'OfferAccepted', data: { ...fieldsOf(command), ...whom(state), unitId: offer.unitId } });
    },
  },

  DeclineOffer: {
    // Also after accepting, as long as the person has not moved in: people change their minds.
    unavailable: onlyIn('DeclineOffer', 'offered', 'offer_accepted'),
    decide(command, state: CaseIn<'offered' | 'offer_accepted'>) {
      const offer = currentOffer(state, command.offerId);
      if (!offer) return offerNotOpen();
      return accept({
        type: 'OfferDeclined',
        data: {
          ...fieldsOf(command),
          ...whom(state),
          unitId: offer.unitId,
          declinedOffers: state.declinedOffers + 1,
          afterAccepting: state.status === 'offer_accepted',
        },
      });
    },
  },

  ExpireOffer: {
    unavailable: onlyIn('ExpireOffer', 'offered'),
    decide(command, state: CaseIn<'offered'>) {
      const offer = currentOffer(state, command.offerId);
      if (!offer) return offerNotOpen();
      // expiresOn is the last day to answer.
      if (command.on <= offer.expiresOn) {
        return reject('offer.not_yet_expired', `The offer can be answered until ${offer.expiresOn}`, { field: 'on' });
      }
      const { unitId, expiresOn } = offer;
      return accept({ type: 'OfferExpired', data: { ...fieldsOf(command), ...whom(state), unitId, expiresOn } });
    },
  },

  MoveIn: {
    unavailable: (state) =>
      state.status !== 'offer_accepted'
        ? requiresAcceptedOffer('The person moves in after accepting an offer')
        : standingGrant(state)
          ? undefined
          : requiresGrant('move_in.requires_grant', 'Moving in needs a standing grant decision; the grant was set aside'),
    decide(command, state: CaseIn<'offer_accepted'>) {
      const broken = moveInRules(command, state);
      if (broken) return broken;
      const { agreement, facilityMaxStayDays, on } = command;
      const events: CaseEvent[] = [
        ...leaveWaitingList(state, command, 'moved_in'),
        {
          type: 'MovedIn',
          data: {
            ...fieldsOf(command),
            ...whom(state),
            agreementLimit: agreementLimit(agreement.kind, agreement.startsOn, facilityMaxStayDays),
            ageOnMoveIn: ageOn(state.birthDate, on),
          },
        },
      ];
      return accept(...events);
    },
  },
};

function requiresGrant(rule: string, message: string) {
  return reject(rule, message, { details: { decision: 'grant' } });
}

function requiresAcceptedOffer(message: string, field?: string) {
  return reject('move_in.requires_accepted_offer', message, { field });
}

function moveInRules(command: MoveIn, state: OpenCase): Rejection | undefined {
  const offer = state.offers[command.offerId];
  if (command.offerId !== state.currentOfferId || offer?.status !== 'accepted') {
    return requiresAcceptedOffer('This is not the offer the person accepted', 'offerId');
  }
  if (offer.unitId !== command.unitId) return requiresAcceptedOffer(`The accepted offer is for unit ${offer.unitId}`, 'unitId');
  // The resident signs that the house rules were received and understood (Trondheim, Bolig Nu).
  if (!command.houseRulesAcknowledged) {
    return reject('move_in.house_rules_not_acknowledged', 'The resident acknowledges the house rules before moving in', {
      field: 'houseRulesAcknowledged',
    });
  }
  if (noneGiven(command.contactPersons)) {
    return reject('move_in.contact_person_required', 'Name at least one contact person', { field: 'contactPersons' });
  }
  return incompleteActionPlan(command.actionPlan) ?? checkAgreement(command.agreement, command.facilityMaxStayDays);
}
