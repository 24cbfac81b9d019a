import { Decision, DomainError, reject } from '../shared/decider';

/**
 * A person who was forgotten (GDPR art. 17) may still live in their unit, so their case goes on:
 * what carries nothing personal (an absence, a return, an offer, a move-out) is still recorded. New
 * personal data about them is not: their key is gone, so it could not be stored encrypted, and
 * storing it in the clear would undo the forgetting. `field` is the field that would carry it (a path
 * in the event's data, as PERSONAL_FIELDS lists them, or `reason`).
 */
export function forgottenPersonalData(field: string): DomainError {
  const refused = reject(
    'person.forgotten.personal_data',
    'This person has been forgotten: no new personal data can be recorded about them; leave this field out',
    {
      field,
    },
  ) as Extract<Decision<never>, { ok: false }>;
  return refused.error;
}
