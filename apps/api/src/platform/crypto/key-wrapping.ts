import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Envelope encryption of the persons' keys: each key is stored wrapped (AES-256-GCM) by a master key
 * derived from a secret kept outside the key store (KEY_MASTER_KEY / KEY_MASTER_KEY_FILE, or in the
 * embedded default a file in DATA_DIR/secrets). A dump of the key table alone reveals no key. The
 * person's id is bound as additional data, so a wrapped key moved to another person's row does not
 * unwrap.
 *
 * Stored form: version byte (1) | IV (12) | tag (16) | wrapped key (32) = 61 bytes.
 */
export class KeyWrapper {
  private readonly wrappingKey: Buffer;
  /** Names the master key without revealing it: rows wrapped by another master key are told apart. */
  readonly masterKeyId: string;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The key store master key must have at least 32 characters');
    const ikm = Buffer.from(secret, 'utf8');
    this.wrappingKey = Buffer.from(hkdfSync('sha256', ikm, 'rop-key-store', 'person-key-wrapping', 32));
    this.masterKeyId = Buffer.from(hkdfSync('sha256', ikm, 'rop-key-store', 'master-key-id', 8)).toString('hex');
  }

  /** A new person key (32 random bytes) and its wrapped form. */
  newKey(personId: string): { key: Buffer; wrapped: Buffer } {
    const key = randomBytes(32);
    return { key, wrapped: this.wrap(personId, key) };
  }

  wrap(personId: string, key: Buffer): Buffer {
    if (key.length !== 32) throw new Error('A person key has 32 bytes');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey, iv);
    cipher.setAAD(Buffer.from(personId, 'utf8'));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws KeyUnwrapError when the wrapped key was made by another master key or was altered. */
  unwrap(personId: string, wrapped: Buffer): Buffer {
    if (wrapped.length !== 61 || wrapped[0] !== 1) throw new KeyUnwrapError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, wrapped.subarray(1, 13));
      decipher.setAAD(Buffer.from(personId, 'utf8'));
      decipher.setAuthTag(wrapped.subarray(13, 29));
      return Buffer.concat([decipher.update(wrapped.subarray(29)), decipher.final()]);
    } catch {
      throw new KeyUnwrapError();
    }
  }
}

/** A stored key did not unwrap: a wrong master key or a changed row. Never read as "forgotten". */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
  constructor() {
    super('A person key in the key store does not unwrap with the configured master key');
  }
}
