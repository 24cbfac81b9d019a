import { Action, can } from '@app/domain';
import { AccessDenied, NotFound } from '../errors/command-errors';
import { Actor } from './actor';

/** Checks an action on a record of a given facility: case workers and team leads act only in their own. */
export function assertCan(actor: Actor, action: Action, facilityId?: string): void {
  if (!can(actor.grants, action, facilityId)) {
    throw new AccessDenied(facilityId ? 'You are not assigned to this facility' : 'Your role does not allow this');
  }
}

/**
 * Who may issue a command against a record, as data: the record must exist (else 404, naming only
 * its kind), and the actor must hold one of the actions, in the facility the record belongs to when
 * it belongs to one. Every command declares its rule here-shaped and the runner checks it on the
 * state the command is decided on, so a command is authorised in one place, before its decider runs
 * and before a 409 could tell who changed the record.
 */
export interface AccessRule<S> {
  /** What a 404 calls the record ('Case', 'Unit'). */
  readonly record: string;
  readonly exists: (state: S) => boolean;
  /** Any one of these allows the command. */
  readonly allowed: ReadonlyArray<{ readonly action: Action; readonly facilityOf?: (state: S) => string | undefined }>;
}

export function authorize<S>(rule: AccessRule<S>, state: S, actor: Actor): void {
  if (!rule.exists(state)) throw new NotFound(rule.record);
  const denied: AccessDenied[] = [];
  for (const { action, facilityOf } of rule.allowed) {
    try {
      return assertCan(actor, action, facilityOf?.(state));
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      denied.push(error);
    }
  }
  // The last refusal is the most specific one (a facility-scoped action after a role-wide one).
  throw denied[denied.length - 1] ?? new AccessDenied('Your role does not allow this');
}
