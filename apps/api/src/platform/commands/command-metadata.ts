import { Inject, Injectable, Optional } from '@nestjs/common';
import { daysBetween, isIsoDate } from '@app/domain';
import { ClaimKeys } from '../auth/claim-keys';
import { primaryRole } from '../auth/actor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../clock';
import { EventMetadata } from '../streams/event-metadata';
import { CommandContext } from './command-context';

export const DEFAULT_LATE_ENTRY_DAYS = 7;

/**
 * What every event of a command carries besides its data: who, when, in which conversation, the
 * effective date and whether it is a late entry, and the fingerprint of the request a key came with.
 */
@Injectable()
export class CommandMetadata {
  constructor(
    private readonly clock: Clock,
    /** Keys the request fingerprints kept in metadata; without it (unit tests) requests are not compared. */
    @Optional() private readonly keys?: ClaimKeys,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'lateEntryDays'>,
  ) {
    this.lateEntryDays = config?.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS;
  }

  private readonly lateEntryDays: number;

  of(commandType: string, ctx: CommandContext, effectiveDate?: string): Omit<EventMetadata, 'schemaVersion'> {
    return {
      commandId: ctx.commandId,
      commandType,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.commandId,
      actorId: ctx.actor.userId,
      actorRole: primaryRole(ctx.actor),
      recordedAt: this.clock.now().toISOString(),
      // A command with no date of its own (registering a person, a user) takes effect on the
      // municipality's today, never the UTC date of recordedAt.
      effectiveDate: effectiveDate ?? this.clock.today(),
      lateEntry: this.lateness(effectiveDate),
      reason: ctx.reason,
      idempotencyKey: ctx.idempotencyKey,
      requestHash: this.requestHash(ctx),
    };
  }

  /** A late entry: the effective date lies more than `lateEntryDays` before the municipal today. */
  private lateness(effectiveDate: string | undefined): EventMetadata['lateEntry'] {
    if (effectiveDate === undefined || !isIsoDate(effectiveDate)) return undefined;
    const daysLate = daysBetween(effectiveDate, this.clock.today());
    return daysLate > this.lateEntryDays ? { daysLate } : undefined;
  }

  /** What is kept of the request a key came with: a keyed hash, since bodies hold identity numbers. */
  requestHash(ctx: CommandContext): string | undefined {
    return ctx.idempotencyKey && ctx.requestDigest && this.keys ? this.keys.requestFingerprint(ctx.requestDigest) : undefined;
  }
}
