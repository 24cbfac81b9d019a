import type { Actor } from '../auth/actor';
import type { DomainEventLike } from '../streams/event-codec';

/** How a command was asked for: who, in which conversation, with what expectations. */
export interface CommandContext {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** From If-Match: the stream revision the caller saw. A mismatch is a 409 before anything is decided. */
  readonly expectedRevision?: bigint;
  /** From Idempotency-Key: a retry returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /**
   * A digest of the request (method, path, canonical body) the key came with: a retry under the same
   * key with another request is refused (422) instead of answered with the first one's result.
   */
  readonly requestDigest?: string;
  /** The Idempotency-Key as the client sent it (the steps of a workflow derive their own from it). */
  readonly clientKey?: string;
  readonly reason?: string;
  /** From X-Access-Purpose: why the actor writes about a person outside their facilities. */
  readonly accessPurpose?: string;
}

/** What a command did: the stream's new revision and the global position to read your writes from. */
export interface CommandOutcome {
  readonly stream: string;
  /** The stream's revision after the command; null when the stream still has no events. */
  readonly revision: string | null;
  /** Global position of the command's last event (or the stream's last event when nothing was new). */
  readonly position: string | null;
  readonly events: readonly string[];
  /** True when this answer repeats an earlier execution under the same Idempotency-Key. */
  readonly replayed: boolean;
  /** The events this execution appended, with their ids (for follow-up work; not sent to clients). */
  readonly appended?: ReadonlyArray<{ readonly id: string; readonly event: DomainEventLike }>;
}

/**
 * The context for one step of a workflow that runs several commands: each step gets its own derived
 * Idempotency-Key, so a retried workflow replays every step instead of mistaking one for another.
 * If-Match applies to the workflow's first step only.
 */
export function stepContext(ctx: CommandContext, step: string, keepExpectedRevision = false): CommandContext {
  return {
    ...ctx,
    idempotencyKey: ctx.idempotencyKey === undefined ? undefined : `${ctx.idempotencyKey}#${step}`,
    expectedRevision: keepExpectedRevision ? ctx.expectedRevision : undefined,
  };
}
