import { Injectable } from '@nestjs/common';
import { DuplicateEventIdError, InvalidAppendError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@app/event-store';

/** Since when appends fail, and with what (the error's code or class: messages may name paths). */
export interface WriteFailure {
  readonly since: Date;
  readonly last: Date;
  readonly error: string;
}

/**
 * Answers about the command, not about the store: a conflict, a bad append or a stream deleted for good
 * (410) is the store working.
 */
const CALLER_ERRORS = [WrongExpectedVersionError, StreamNotFoundError, StreamDeletedError, DuplicateEventIdError, InvalidAppendError];

/**
 * Whether this process can write to the event log, as its appends find it: the last append that
 * reached the store failed (a full disk, a lost connection) until one succeeds again or the store's
 * write probe does. Readiness is not ready meanwhile, so a load balancer sends the traffic elsewhere.
 */
@Injectable()
export class WriteHealth {
  private current?: WriteFailure;

  succeeded(): void {
    this.current = undefined;
  }

  failed(error: unknown): void {
    if (CALLER_ERRORS.some((type) => error instanceof type)) return;
    const now = new Date();
    const code = (error as { code?: unknown })?.code;
    this.current = { since: this.current?.since ?? now, last: now, error: typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error' };
  }

  get failure(): WriteFailure | undefined {
    return this.current;
  }
}
