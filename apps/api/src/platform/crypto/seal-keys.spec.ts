import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { checkSignature, signSeal, SEAL_FORMAT } from '../../features/audit/seals/seal';
import { GENESIS } from '../streams/hash-chain';

describe('seal keys in the configuration', () => {
  let root: string;
  let dataDir: string;
  let secrets: string;
  const ed25519 = generateKeyPairSync('ed25519');
  const pkcs8Pem = ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const spkiPem = ed25519.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rop-seal-config-'));
    dataDir = join(root, 'data');
    secrets = join(root, 'secrets');
    mkdirSync(dataDir);
    mkdirSync(secrets);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it('has no signing key by default: the log is not sealed', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).seal).toEqual({ intervalSeconds: 60, signingKey: undefined, trustedKeys: [] });
  });

  it('reads a key file kept outside DATA_DIR, and trusts its public half', () => {
    const config = loadConfig({ DATA_DIR: dataDir, SEAL_KEY_FILE: write(join(secrets, 'seal.pem'), pkcs8Pem), SEAL_INTERVAL_SECONDS: '15' });
    const key = config.seal.signingKey!;
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(config.seal.intervalSeconds).toBe(15);
    expect(config.seal.trustedKeys.map((k) => k.keyId)).toEqual([key.keyId]);
    const seal = signSeal(
      { format: SEAL_FORMAT, sequence: 0, upTo: '1', events: 1, runningHash: GENESIS, previousSeal: GENESIS, sealedAt: 'now', keyId: key.keyId, heads: [] },
      key,
    );
    expect(checkSignature(seal, config.seal.trustedKeys)).toBe('ok');
    expect(checkSignature({ ...seal, events: 2 }, config.seal.trustedKeys)).toBe('bad_signature');
  });

  it('refuses a key file inside DATA_DIR, also through a symbolic link or a relative path', () => {
    const inside = write(join(dataDir, 'secrets-seal.pem'), pkcs8Pem);
    const message = 'SEAL_KEY_FILE must be outside DATA_DIR: someone who can write the data could otherwise sign it';
    expect(problemsOf({ SEAL_KEY_FILE: inside })).toEqual([message]);
    symlinkSync(dataDir, join(root, 'link'));
    expect(problemsOf({ SEAL_KEY_FILE: join(root, 'link', 'secrets-seal.pem') })).toEqual([message]);
    expect(problemsOf({ DATA_DIR: join(root, 'link'), SEAL_KEY_FILE: inside })).toEqual([message]);
    expect(problemsOf({ SEAL_KEY_FILE: join(dataDir, 'not-yet-there', '..', 'secrets-seal.pem') })).toEqual([message]);
  });

  it('reads the key from SEAL_PRIVATE_KEY as PEM (newlines escaped or not) or as base64 DER', () => {
    const der = ed25519.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const ids = [pkcs8Pem, pkcs8Pem.replace(/\n/g, '\\n'), der].map(
      (value) => loadConfig({ DATA_DIR: dataDir, SEAL_PRIVATE_KEY: value }).seal.signingKey?.keyId,
    );
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    [() => ({ SEAL_KEY_FILE: join(root, 'missing.pem') }), 'SEAL_KEY_FILE must be a readable Ed25519 private key'],
    [
      () => ({
        SEAL_KEY_FILE: write(
          join(secrets, 'rsa.pem'),
          generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ),
      }),
      'SEAL_KEY_FILE must be a readable Ed25519 private key',
    ],
    [() => ({ SEAL_PRIVATE_KEY: 'not a key' }), 'SEAL_PRIVATE_KEY must be an Ed25519 private key'],
    [() => ({ SEAL_PRIVATE_KEY: pkcs8Pem, SEAL_KEY_FILE: write(join(secrets, 'seal.pem'), pkcs8Pem) }), 'Set SEAL_KEY_FILE or SEAL_PRIVATE_KEY, not both'],
    [() => ({ SEAL_PUBLIC_KEY_FILE: write(join(dataDir, 'trusted.pem'), spkiPem) }), 'SEAL_PUBLIC_KEY_FILE must be outside DATA_DIR'],
    [
      () => ({ SEAL_PUBLIC_KEY_FILE: write(join(secrets, 'trusted.pem'), 'nothing here') }),
      'SEAL_PUBLIC_KEY_FILE must be a readable file of one or more Ed25519 public keys',
    ],
    [() => ({ SEAL_INTERVAL_SECONDS: '0' }), 'SEAL_INTERVAL_SECONDS must be a whole number from 1 to 86400'],
  ])('refuses a bad setting with a message naming it (%#)', (env, message) => {
    const problems = problemsOf(env());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('trusts the extra public keys of SEAL_PUBLIC_KEY_FILE (an earlier key after a rotation), for verifying only', () => {
    const older = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const config = loadConfig({ DATA_DIR: dataDir, SEAL_PUBLIC_KEY_FILE: write(join(secrets, 'trusted.pem'), `${older}\n${spkiPem}`) });
    expect(config.seal.signingKey).toBeUndefined();
    expect(config.seal.trustedKeys).toHaveLength(2);
  });
});
