import { Injectable } from '@nestjs/common';
import { CASE_BOOKKEEPING_FIELDS, caseDecider, caseStream, Decider, personDecider, personStream } from '@app/domain';
import { EVENT_STORE, EventStore, formatPosition, StreamNotFoundError } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NotFound } from '../../platform/errors/command-errors';
import { EventCodec } from '../../platform/streams/event-codec';
import { StaffNamesQuery } from '../../read-models/staff/staff.query';
import { diffStates, StateChange, toPlain } from './state-diff';

export interface ReplayStep {
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  /** The actor's display name, for the auditor to read who acted (null for the system). */
  readonly actorName: string | null;
  readonly recordedAt: string | null;
  readonly effectiveDate: string | null;
  readonly reason: string | null;
  readonly metadata: unknown;
  readonly data: unknown;
  readonly changes: readonly StateChange[];
}

export interface Replay {
  readonly stream: string;
  /** The last revision included (null when nothing had happened yet at that point). */
  readonly revision: string | null;
  readonly state: unknown;
  readonly steps: readonly ReplayStep[];
}

/** Up to which point: a revision of the stream, or a moment (events recorded at or before it). */
export type ReplayPoint = { readonly revision?: bigint; readonly at?: Date };

/**
 * Point-in-time replay for auditors: folds a case or a person with the same decider's `evolve` as the
 * command side uses, up to a revision or a moment, and lists each step with its actor, reason and
 * metadata and what it changed in the state.
 */
@Injectable()
export class ReplayService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly queries: QueryBus,
  ) {}

  replayCase(caseId: string, point: ReplayPoint = {}): Promise<Replay> {
    return this.replay(caseDecider, caseStream(caseId), point, CASE_BOOKKEEPING_FIELDS);
  }

  /**
   * Whose case it is and where, whatever point a replay stops at: the referral that opens the stream
   * names both. A replay to a moment before the case existed shows an empty state, but the read is
   * still a read of that person's file and is logged as one.
   */
  async caseSubject(caseId: string): Promise<{ personId: string; facilityId: string | undefined }> {
    try {
      for await (const recorded of this.store.readStream(caseStream(caseId), { maxCount: 1 })) {
        const { event } = this.codec.decode(recorded);
        const data = event.data as { personId?: unknown; facilityId?: unknown };
        if (typeof data.personId !== 'string') break;
        return { personId: data.personId, facilityId: typeof data.facilityId === 'string' ? data.facilityId : undefined };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new NotFound('Stream');
      throw error;
    }
    // A case stream that does not open with its person cannot be read, or logged, as anyone's file.
    throw new Error(`Case ${caseId} does not name its person in its first event`);
  }

  replayPerson(personId: string, point: ReplayPoint = {}): Promise<Replay> {
    return this.replay(personDecider, personStream(personId), point);
  }

  /** `bookkeeping`: state fields left out of each step's changes (not facts an auditor asks about). */
  private async replay<S, E>(decider: Decider<never, S, E>, stream: string, point: ReplayPoint, bookkeeping: readonly string[] = []): Promise<Replay> {
    let state = decider.initialState;
    let revision: string | null = null;
    const steps: ReplayStep[] = [];
    try {
      for await (const recorded of this.store.readStream(stream)) {
        await this.codec.loadKeysFor([recorded]);
        const { event, metadata } = this.codec.decode(recorded);
        if (point.revision !== undefined && recorded.revision > point.revision) break;
        if (point.at && new Date(metadata.recordedAt ?? recorded.created) > point.at) break;
        // The stream holds this decider's events (its name says whose), decoded and upcast to the current shape.
        const next = decider.evolve(state, event as E);
        steps.push({
          revision: recorded.revision.toString(),
          position: formatPosition(recorded.position),
          eventId: recorded.id,
          type: recorded.type,
          actorId: metadata.actorId ?? null,
          actorRole: metadata.actorRole ?? null,
          actorName: null, // named below, once for every actor of the replay
          recordedAt: metadata.recordedAt ?? null,
          effectiveDate: metadata.effectiveDate ?? null,
          reason: (metadata.reason as string | undefined) ?? null,
          metadata: toPlain(metadata),
          data: toPlain(event.data),
          changes: diffStates(toPlain(state), toPlain(next), bookkeeping),
        });
        state = next;
        revision = recorded.revision.toString();
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new NotFound('Stream');
      throw error;
    }
    const names = await this.queries.execute(new StaffNamesQuery(steps.flatMap((s) => (s.actorId ? [s.actorId] : []))));
    const named = steps.map((s) => ({ ...s, actorName: s.actorId ? (names.get(s.actorId) ?? null) : null }));
    return { stream, revision, state: toPlain(state), steps: named };
  }
}
