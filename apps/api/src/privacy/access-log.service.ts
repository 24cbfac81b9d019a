import { Injectable } from '@nestjs/common';
import { accessLogDecider, accessLogStream, AccessView, can, facilityScope } from '@app/domain';
import { Actor, primaryRole } from '../application/actor';
import { AccessDenied, AccessPurposeRequired, ConcurrencyConflict } from '../application/command-errors';
import { CommandRunner } from '../application/command-runner';
import { Clock, IdGenerator } from '../application/ids';

export interface AccessDecision {
  readonly flagged: boolean;
  readonly purpose?: string;
}

export interface AccessEntry {
  readonly personId: string;
  readonly caseId?: string;
  readonly view: AccessView;
}

/**
 * Decides whether a read of a person's file is allowed, and records every read that happens.
 * Within one's own facilities (or as an auditor) a read is allowed and recorded; outside them it is
 * allowed only with a stated purpose, and then flagged for review. Recording is part of the read: if
 * the record cannot be written, the read fails.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** `facilityIds`: the facilities the file belongs to (its cases'); empty for a person with no case. */
  decide(actor: Actor, facilityIds: readonly string[], purpose?: string): AccessDecision {
    const trimmed = purpose?.trim() || undefined;
    const scope = facilityScope(actor.grants, 'read.case');
    // A person with no case yet belongs to no facility: anyone who may read case files may read them.
    const inScope = scope === 'everywhere' || facilityIds.length === 0 || facilityIds.some((f) => scope.includes(f));
    if (inScope) return { flagged: false, purpose: trimmed };
    if (!can(actor.grants, 'read.case')) throw new AccessDenied('Your role does not allow reading case files');
    if (!trimmed) {
      throw new AccessPurposeRequired('This file is outside your facilities: state a purpose (X-Access-Purpose) to read it; the read will be flagged for review');
    }
    return { flagged: true, purpose: trimmed };
  }

  async record(actor: Actor, entry: AccessEntry, decision: AccessDecision): Promise<void> {
    // A record must name whose file was read: without it the read would land in no one's log.
    if (typeof entry.personId !== 'string' || entry.personId === '' || entry.personId === 'undefined') {
      throw new Error(`A ${entry.view} read answered without naming the person whose file it is`);
    }
    const command = {
      type: 'RecordAccess' as const,
      accessId: this.ids.next(),
      ...entry,
      actorId: actor.userId,
      actorRole: primaryRole(actor),
      at: this.clock.now().toISOString(),
      purpose: decision.purpose,
      flagged: decision.flagged,
    };
    const ctx = { actor, commandId: command.accessId, correlationId: command.accessId, idempotencyKey: `access:${command.accessId}` };
    // Reads of one file can race; the record is retried on the stream's new head rather than lost.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.runner.run({ decider: accessLogDecider, stream: accessLogStream(entry.personId), command }, ctx);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || attempt >= 10) throw error;
      }
    }
  }
}
