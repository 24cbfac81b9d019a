import { Injectable } from '@nestjs/common';
import { Action, accessLogDecider, accessLogStream, AccessView, can, facilityScope, WRITE_VIEWS, WriteView } from '@app/domain';
import { Actor, primaryRole } from '../../platform/auth/actor';
import { AccessDenied, AccessPurposeRequired, ConcurrencyConflict } from '../../platform/errors/command-errors';
import { CommandContext, CommandRunner } from '../../platform/commands/command-runner';
import { IdGenerator, uuidV5 } from '../../platform/ids';
import { Clock } from '../../platform/clock';
import { PersonFiles } from '../../read-models/person-files/person-files.service';

export interface AccessDecision {
  readonly flagged: boolean;
  readonly purpose?: string;
  /**
   * The facilities whose cases the answer may show: all of them within scope, with a purpose (then
   * flagged), or to an auditor; otherwise only the reader's own. A referral to one's own facility
   * gives the person's registered details and that case, never the cases recorded elsewhere.
   */
  readonly show: 'everything' | readonly string[];
}

export interface AccessEntry {
  readonly personId: string;
  readonly caseId?: string;
  readonly view: AccessView | WriteView;
}

/**
 * Decides whether a read of a person's file is allowed, and records every read that happens.
 * Within one's own facilities (or as an auditor) a read is allowed and recorded; outside them it is
 * allowed only with a stated purpose, and then flagged for review. A reader whose facilities hold
 * only some of the person's cases sees those (and the person's registered details) without a
 * purpose, and the rest only with one (flagged). Recording is part of the read: if the record cannot
 * be written, the read fails. Writes about the person follow the same rule (decideWrite).
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly personFiles: PersonFiles,
  ) {}

  /**
   * `facilityIds`: the facilities the file belongs to (its cases'); empty for a person with no case.
   * `action`: read.case for reads, case.command for writes about the person (the same rule: outside
   * your facilities only with a purpose, and flagged).
   */
  decide(actor: Actor, facilityIds: readonly string[], purpose?: string, action: Action = 'read.case'): AccessDecision {
    const trimmed = purpose?.trim() || undefined;
    const scope = facilityScope(actor.grants, action);
    const own = scope === 'everywhere' ? [...facilityIds] : facilityIds.filter((f) => scope.includes(f));
    // A person with no case yet belongs to no facility: anyone who may read case files may read them.
    if (own.length === facilityIds.length) return { flagged: false, purpose: trimmed, show: 'everything' };
    if (!can(actor.grants, action))
      throw new AccessDenied(action === 'read.case' ? 'Your role does not allow reading case files' : 'Your role does not allow this');
    // A write about a person one already works with (a case in one's facilities) is within scope.
    if (own.length > 0 && action !== 'read.case') return { flagged: false, purpose: trimmed, show: own };
    // With a purpose, everything, flagged; without, only the reader's own facilities' part of the file.
    if (trimmed) return { flagged: true, purpose: trimmed, show: 'everything' };
    if (own.length > 0) return { flagged: false, show: own };
    throw new AccessPurposeRequired(
      action === 'read.case'
        ? 'This file is outside your facilities: state a purpose (X-Access-Purpose) to read it; the read will be flagged for review'
        : 'This person’s file is outside your facilities: state a purpose (X-Access-Purpose) to change it; the change will be flagged for review',
    );
  }

  /** Whether a write about the person is allowed (403 outside one's facilities without a purpose), and flagged. */
  async decideWrite(actor: Actor, personId: string, purpose?: string): Promise<AccessDecision> {
    return this.decide(actor, await this.personFiles.facilitiesOf(personId), purpose, 'case.command');
  }

  /**
   * For a command about a person: records a flagged write just before its events are appended (see
   * RunSpec.beforeAppend), so that no write from outside the person's facilities exists unrecorded and
   * a refused command leaves no record. The id comes from the command, so a re-decided append records once.
   */
  flaggedWrite(ctx: CommandContext, entry: Omit<AccessEntry, 'view'> & { view: WriteView }, decision: AccessDecision): (() => Promise<void>) | undefined {
    if (!decision.flagged) return undefined;
    return () => this.record(ctx.actor, entry, decision, uuidV5(`${ctx.commandId}\naccess`));
  }

  async record(actor: Actor, entry: AccessEntry, decision: Pick<AccessDecision, 'flagged' | 'purpose'>, accessId = this.ids.next()): Promise<void> {
    // A record must name whose file was read: without it the read would land in no one's log.
    if (typeof entry.personId !== 'string' || entry.personId === '' || entry.personId === 'undefined') {
      throw new Error(`An access record (${entry.view}) must name the person whose file it is`);
    }
    const isWrite = (WRITE_VIEWS as readonly string[]).includes(entry.view);
    const command = {
      type: 'RecordAccess' as const,
      accessId,
      ...entry,
      ...(isWrite && { write: true as const }),
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
