import { createHash, randomUUID } from 'node:crypto';

/** The municipality's time zone unless TIME_ZONE says otherwise: every Norwegian municipality keeps Oslo time. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this IANA time zone (e.g. "Europe/Oslo"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in a time zone. 23:30 UTC on 31 December is
 * already 1 January in Oslo; never `toISOString().slice(0, 10)`, which is the day in Greenwich.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Where ids and time come from, so tests and the demo can control them. The domain gets both passed in.
 * `today()` is the municipality's day (its time zone, TIME_ZONE): every "today", "days left", "days
 * waiting" and "nights so far" is counted from it, never from the UTC date.
 */
export abstract class Clock {
  constructor(readonly timeZone: string = DEFAULT_TIME_ZONE) {}
  abstract now(): Date;
  today(): string {
    return calendarDateIn(this.now(), this.timeZone);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export abstract class IdGenerator {
  abstract next(): string;
}

export class RandomIds extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}

const NAMESPACE = Buffer.from('6f1c8e1e4a3b5c2d9e0f112233445566', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5): the same name always gives the same id. Used for event ids
 * under an Idempotency-Key, so a retried command produces the very ids the store already holds.
 */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of a record a command creates. Under an Idempotency-Key it is derived from the key, so a
 * retried "register" finds the record it created the first time instead of creating a second one.
 */
export function idForNewRecord(ids: IdGenerator, ctx: { actor: { userId: string }; idempotencyKey?: string }, purpose: string): string {
  return ctx.idempotencyKey ? uuidV5(`${ctx.actor.userId}\n${ctx.idempotencyKey}\n${purpose}`) : ids.next();
}
