import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** How an encrypted field is stored in event data: readable as "encrypted, for whom", nothing more. */
export interface EncryptedValue {
  readonly $enc: string;
}

/** What a field reads as once its person's key is gone. */
export const FORGOTTEN = '[forgotten]';

export function isEncrypted(value: unknown): value is EncryptedValue {
  return typeof value === 'object' && value !== null && typeof (value as EncryptedValue).$enc === 'string';
}

/**
 * AES-256-GCM per field value (any JSON value), with a fresh 96-bit IV each time. The authentication
 * tag makes a changed ciphertext fail to decrypt rather than decrypt to something else. The field's
 * name is bound as additional data, so a ciphertext cannot be moved to another field unnoticed.
 */
export function encryptValue(key: Buffer, field: string, value: unknown): EncryptedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $enc: `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${ciphertext.toString('base64')}` };
}

export function decryptValue(key: Buffer, field: string, value: EncryptedValue): unknown {
  const [version, iv, tag, ciphertext] = value.$enc.split('.');
  if (version !== 'v1') throw new Error(`Unknown encryption version ${version}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(field, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8'));
}
