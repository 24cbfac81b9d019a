import { createHash, randomUUID } from 'node:crypto';

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
