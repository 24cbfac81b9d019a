import { Action, can } from '@app/domain';
import { Actor } from './actor';
import { AccessDenied } from '../errors/command-errors';

/** Checks an action on a record of a given facility: case workers and team leads act only in their own. */
export function assertCan(actor: Actor, action: Action, facilityId?: string): void {
  if (!can(actor.grants, action, facilityId)) {
    throw new AccessDenied(facilityId ? 'You are not assigned to this facility' : 'Your role does not allow this');
  }
}
