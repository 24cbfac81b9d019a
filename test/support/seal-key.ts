import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKey, TrustedKey, trustedKeyOf } from '../../apps/api/src/platform/crypto/seal-keys';

export interface SealKey {
  /** The PKCS#8 PEM file, in a folder of its own: never inside a test's DATA_DIR. */
  readonly file: string;
  readonly env: { SEAL_KEY_FILE: string };
  readonly trustedKeys: TrustedKey[];
  readonly signingKey: SigningKey;
  remove(): void;
}

/** A fresh Ed25519 signing key for the sealer, kept outside any DATA_DIR as the product requires. */
export function makeSealKey(): SealKey {
  const dir = mkdtempSync(join(tmpdir(), 'rop-seal-key-'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = join(dir, 'seal-key.pem');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const trusted = trustedKeyOf(createPublicKey(privateKey));
  return {
    file,
    env: { SEAL_KEY_FILE: file },
    trustedKeys: [trusted],
    signingKey: { ...trusted, privateKey },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
