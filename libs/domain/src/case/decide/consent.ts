import { accept, reject } from '../../shared/decider';
import { CONSENT_RECIPIENTS, consentOn, lastWithdrawn } from '../consent';
import { fieldsOf, Handlers, isBlank, whom } from './handler';

/**
 * Renewing and withdrawing the person's consent. Either is possible while the case is open; what
 * holds on a day is worked out from the dated entries (consent.ts), so a withdrawal is checked
 * against the consent in force on its own day, not against the latest entry.
 */
export const consentHandlers: Handlers<'RenewConsent' | 'WithdrawConsent'> = {
  RenewConsent: {
    unavailable: () => undefined,
    decide(command, state) {
      if (isBlank(command.scope)) return reject('consent.scope_required', 'Say what the person consents to share', { field: 'scope' });
      const unknown = command.recipients.findIndex((r) => !(CONSENT_RECIPIENTS as readonly string[]).includes(r));
      if (unknown >= 0) return reject('consent.unknown_recipient', 'Choose the recipients from the list', { field: `recipients.${unknown}` });
      if (command.expiresOn !== undefined && command.expiresOn < command.on) {
        return reject('consent.expires_before_given', 'A consent runs to a day on or after the day it is given', { field: 'expiresOn' });
      }
      return accept({ type: 'ConsentRenewed', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },
  WithdrawConsent: {
    unavailable: (state) =>
      lastWithdrawn(state.consents) ? reject('consent.already_withdrawn', 'The consent is already withdrawn; renew it first') : undefined,
    decide(command, state) {
      const standing = consentOn(state.consents, command.on);
      if (standing.status !== 'in_force') {
        return reject('consent.not_in_force', 'No consent was in force on that day', { field: 'on', details: { status: standing.status } });
      }
      return accept({ type: 'ConsentWithdrawn', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },
};
