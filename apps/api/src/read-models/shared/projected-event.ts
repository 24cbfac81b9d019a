import type {
  AccessLogEvent,
  CaseEvent,
  FacilityEvent,
  IdentityClaimEvent,
  JournalEvent,
  PersonEvent,
  ReferralClaimEvent,
  SetupEvent,
  UnitEvent,
  UserEvent,
  UsernameClaimEvent,
} from '@app/domain';
import type { Projection, ProjectionEvent, RowChange } from '@app/projections';
import type { EventMetadata } from '../../platform/streams/event-metadata';

/** Every event the domain records, by stream kind. */
export type DomainEvent =
  | CaseEvent
  | PersonEvent
  | UnitEvent
  | FacilityEvent
  | UserEvent
  | AccessLogEvent
  | IdentityClaimEvent
  | UsernameClaimEvent
  | ReferralClaimEvent
  | SetupEvent
  | JournalEvent;

export type DomainEventType = DomainEvent['type'];

/**
 * An event as a read model's handler sees it: one of the domain's events (so `switch (e.type)`
 * narrows `e.data` to that event's data), where it sits in the log, and its metadata.
 */
export type ProjectedEvent<T extends DomainEventType = DomainEventType> = Omit<ProjectionEvent, 'type' | 'data' | 'metadata'> &
  Extract<DomainEvent, { type: T }> & { readonly metadata: Partial<EventMetadata> };

/** A projection over the domain's events: the engine's Projection, with a handler typed by the events it reads. */
export interface DomainProjection<T extends DomainEventType> extends Omit<Projection, 'eventTypes' | 'handle'> {
  readonly eventTypes: readonly T[] | '*';
  handle(event: ProjectedEvent<T>): readonly RowChange[];
}

/**
 * Declares a read model's projection. The engine hands over only the types in `eventTypes`, decoded
 * and upcast to the current schema (EventCodec), which is what makes the narrowing true.
 */
export function domainProjection<T extends DomainEventType>(projection: DomainProjection<T>): Projection {
  return projection as unknown as Projection;
}
