import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** A public key whose seals are trusted, named by its key id. */
export interface TrustedKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** SPKI PEM, as exported for an auditor. */
  readonly pem: string;
}

/** The key the sealer signs with; never kept in DATA_DIR. */
export interface SigningKey extends TrustedKey {
  readonly privateKey: KeyObject;
}

export interface SealConfig {
  /** How often the sealer signs what it has folded (it also seals at shutdown). */
  readonly intervalSeconds: number;
  /** Absent: no sealing (the embedded default). */
  readonly signingKey?: SigningKey;
  /** The signing key's public half and any in SEAL_PUBLIC_KEY_FILE (earlier keys after a rotation). */
  readonly trustedKeys: readonly TrustedKey[];
}

export interface SealEnvironment {
  readonly keyFile?: string;
  readonly privateKey?: string;
  readonly publicKeyFile?: string;
  readonly intervalSeconds: number;
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function trustedKeyOf(publicKey: KeyObject): TrustedKey {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
    publicKey,
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Every Ed25519 public key in a PEM text (one or more "PUBLIC KEY" blocks). */
export function publicKeysFromPem(text: string): TrustedKey[] {
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((pem) => {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return trustedKeyOf(key);
  });
}

/**
 * Reads the seal keys named by the environment. The signing key and the trusted public keys must live
 * outside DATA_DIR: whoever can write the data there could otherwise sign (or trust) what they wrote.
 * Returns the problems found, in the words of the configuration check, instead of throwing.
 */
export function readSealConfig(env: SealEnvironment, dataDir: string): { config: SealConfig; problems: string[] } {
  const problems: string[] = [];
  let signingKey: SigningKey | undefined;
  const trustedKeys: TrustedKey[] = [];
  if (env.keyFile && env.privateKey) problems.push('Set SEAL_KEY_FILE or SEAL_PRIVATE_KEY, not both');
  else if (env.keyFile) {
    if (isInside(env.keyFile, dataDir)) problems.push('SEAL_KEY_FILE must be outside DATA_DIR: someone who can write the data could otherwise sign it');
    else
      signingKey = signingKeyFrom(
        () => readFileSync(env.keyFile!, 'utf8'),
        'SEAL_KEY_FILE must be a readable Ed25519 private key (PKCS#8 PEM, e.g. from: openssl genpkey -algorithm ed25519)',
        problems,
      );
  } else if (env.privateKey) {
    signingKey = signingKeyFrom(() => env.privateKey!, 'SEAL_PRIVATE_KEY must be an Ed25519 private key (PKCS#8 PEM, or its DER in base64)', problems);
  }
  if (signingKey) trustedKeys.push(signingKey);
  if (env.publicKeyFile) {
    if (isInside(env.publicKeyFile, dataDir))
      problems.push('SEAL_PUBLIC_KEY_FILE must be outside DATA_DIR: someone who can write the data could otherwise add their own key');
    else {
      try {
        const keys = publicKeysFromPem(readFileSync(env.publicKeyFile, 'utf8'));
        if (keys.length === 0) throw new Error('no key');
        for (const key of keys) if (!trustedKeys.some((k) => k.keyId === key.keyId)) trustedKeys.push(key);
      } catch {
        problems.push('SEAL_PUBLIC_KEY_FILE must be a readable file of one or more Ed25519 public keys (PEM)');
      }
    }
  }
  return { config: { intervalSeconds: env.intervalSeconds, signingKey, trustedKeys }, problems };
}

function signingKeyFrom(read: () => string, problem: string, problems: string[]): SigningKey | undefined {
  try {
    const text = read().trim().replace(/\\n/g, '\n');
    const privateKey = text.includes('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return { ...trustedKeyOf(createPublicKey(privateKey)), privateKey };
  } catch {
    problems.push(problem);
    return undefined;
  }
}

/** Whether `file` is `dir` or lies under it, following symbolic links where the paths exist. */
export function isInside(file: string, dir: string): boolean {
  const rel = relative(real(dir), real(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there (yet): resolve what exists of it, so a link in a parent folder is still followed.
    const parent = dirname(resolve(path));
    return parent === resolve(path) ? parent : resolve(real(parent), relative(parent, resolve(path)));
  }
}
