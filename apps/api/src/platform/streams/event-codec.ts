import { Injectable } from '@nestjs/common';
import type { UpcasterChain } from '@app/domain';
import { EventToAppend, JsonObject, RecordedEvent } from '@app/event-store';
import { PersonalDataCipher } from '../crypto/personal-data-cipher';
import { EventMetadata } from './event-metadata';

/** A domain event as deciders produce and consume it. */
export interface DomainEventLike {
  readonly type: string;
  readonly data: object;
}

export interface DecodedEvent<E extends DomainEventLike = DomainEventLike> {
  readonly event: E;
  readonly metadata: EventMetadata;
  readonly recorded: RecordedEvent;
}

/**
 * The one place where domain events become stored events and back: it stamps the schema version into
 * the metadata on the way in, and upcasts older versions on the way out, so deciders and projections
 * only ever see current shapes.
 */
@Injectable()
export class EventCodec {
  constructor(
    private readonly upcasters: UpcasterChain,
    /** Encrypts personal fields for crypto-shredding; without it (benchmarks, tools) data is stored as is. */
    private readonly personalData?: PersonalDataCipher,
  ) {}

  /**
   * Loads the keys that encoding or decoding these events needs (their people's), in one round trip:
   * call it before encode/decode, which are synchronous and read the keys from the key store's cache.
   */
  loadKeysFor(events: Iterable<{ readonly data: unknown }>): Promise<void> {
    return this.personalData ? this.personalData.loadKeysFor(events) : NOTHING_TO_LOAD;
  }

  encode(event: DomainEventLike, id: string, metadata: Omit<EventMetadata, 'schemaVersion'>): EventToAppend {
    const plain = {
      data: event.data as Record<string, unknown>,
      metadata: { ...stripUndefined(metadata), schemaVersion: this.upcasters.currentVersion(event.type) },
    };
    const stored = this.personalData ? this.personalData.protect(event.type, plain.data, plain.metadata) : plain;
    return { id, type: event.type, data: stored.data as JsonObject, metadata: stored.metadata as JsonObject };
  }

  /**
   * `lazyPersonalData`: personal fields are decrypted when first read rather than all at once (for
   * readers that read few of them, like projections); the values read are the same.
   */
  decode<E extends DomainEventLike = DomainEventLike>(recorded: RecordedEvent, options: { lazyPersonalData?: boolean } = {}): DecodedEvent<E> {
    const stored = { data: recorded.data as Record<string, unknown>, metadata: recorded.metadata as Record<string, unknown> };
    const cipher = this.personalData;
    const open = !cipher ? stored : options.lazyPersonalData ? cipher.revealLazily(stored.data, stored.metadata) : cipher.reveal(stored.data, stored.metadata);
    const metadata = open.metadata as unknown as EventMetadata;
    const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
    const data = this.upcasters.upcast(recorded.type, version, open.data);
    return { event: { type: recorded.type, data } as unknown as E, metadata, recorded };
  }
}

const NOTHING_TO_LOAD = Promise.resolve();

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
