/**
 * What every stored event says about how it came to be: which command, in which conversation
 * (correlation), caused by what, by whom in which role, when the server recorded it, which day it takes
 * effect in the domain, and why, where a reason was given. Auditors read these; so do projections.
 */
export interface EventMetadata {
  readonly schemaVersion: number;
  readonly commandId: string;
  readonly commandType: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly recordedAt: string;
  readonly effectiveDate?: string;
  /**
   * Set when the effective date lies more than the configured number of days (LATE_ENTRY_DAYS) before
   * the day the event was recorded: a late entry, listed for the team lead.
   */
  readonly lateEntry?: { readonly daysLate: number };
  readonly reason?: string;
  readonly idempotencyKey?: string;
  /** Keyed hash of the request that carried the Idempotency-Key (method, path, body): a reuse is told apart. */
  readonly requestHash?: string;
}

export function isEventMetadata(value: unknown): value is EventMetadata {
  const m = value as EventMetadata;
  return typeof m === 'object' && m !== null && typeof m.commandId === 'string' && typeof m.schemaVersion === 'number';
}
