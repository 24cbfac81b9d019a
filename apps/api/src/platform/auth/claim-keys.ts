import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { normaliseUsername } from '@app/domain';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { secretFromDataDir } from '../config/secret-file';

/**
 * Uniqueness claims (one person per identity number, one user per username) live in streams named by
 * a keyed hash of the value, so the log never holds an identity number in a stream name, and the
 * number cannot be recovered from the hash by trying every possible number without the key.
 */
@Injectable()
export class ClaimKeys {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.claimKeySecret ?? secretFromDataDir(config.dataDir, 'claim.key');
  }

  identityNumber(identityNumber: string): string {
    return this.hash(`identity-number:${identityNumber}`);
  }

  username(username: string): string {
    return this.hash(`username:${normaliseUsername(username)}`);
  }

  /** A keyed hash for a lookup that must not store the value itself (the login throttle's addresses and usernames). */
  opaque(purpose: string, value: string): string {
    return this.hash(`${purpose}:${value}`);
  }

  /** The fingerprint of a request kept with an Idempotency-Key: keyed, so it cannot be matched to guessed bodies. */
  requestFingerprint(digest: string): string {
    return this.hash(`request:${digest}`);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.secret).update(value, 'utf8').digest('hex').slice(0, 40);
  }
}
