import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../support/spawn-api';

/**
 * docker-compose.yml must stay valid although no Docker engine runs here: Debian's docker-compose
 * validates and normalises the file without one. `.ci/run` installs it on a fresh machine.
 */
describe('docker-compose.yml', () => {
  const secrets = {
    POSTGRES_PASSWORD: 'pg-test-password',
    JWT_SECRET: 'j'.repeat(40),
    CLAIM_KEY_SECRET: 'c'.repeat(40),
    KEY_MASTER_KEY: 'k'.repeat(40),
  };
  const compose = (env: Record<string, string>, ...args: string[]) => {
    // Only what compose needs from here: a developer's own variables must not fill the file's gaps.
    const { PATH, HOME, LANG } = process.env;
    try {
      return execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { PATH, HOME, LANG, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new Error('docker-compose is not installed: run `bash .ci/run` or `apt-get install -y docker-compose`', { cause: error });
      throw new Error(`docker-compose config failed: ${e.stderr ?? e.message}`, { cause: error });
    }
  };
  /** One service's block of the normalised file (services are printed in order, two spaces in). */
  const service = (normalised: string, name: string) => {
    const match = new RegExp(`^  ${name}:\\n((?:    .*\\n|  - .*\\n)+)`, 'm').exec(normalised);
    if (!match) throw new Error(`no service ${name} in:\n${normalised}`);
    return match[1];
  };
  const environment = (block: string) => {
    const env = /^ {4}environment:\n((?: {6}.*\n)+)/m.exec(block)?.[1] ?? '';
    return Object.fromEntries(
      env
        .split('\n')
        .filter(Boolean)
        .map((line) =>
          line
            .trim()
            .split(/: (.*)/s)
            .slice(0, 2)
            .map((v) => v.replace(/^['"]|['"]$/g, '')),
        ),
    );
  };

  it('validates', () => {
    expect(() => compose(secrets, 'config', '-q')).not.toThrow();
  });

  it('refuses to run without the shared secrets, naming each', () => {
    for (const name of Object.keys(secrets)) {
      const without = Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== name));
      expect(() => compose(without, 'config', '-q')).toThrow(new RegExp(`set ${name}`));
    }
  });

  it('runs a single-node KurrentDB (current LTS), PostgreSQL and two API instances on them', () => {
    const normalised = compose(secrets, 'config');
    expect(compose(secrets, 'config', '--services').trim().split('\n').sort()).toEqual(['api-a', 'api-b', 'kurrentdb', 'postgres']);

    const kurrent = service(normalised, 'kurrentdb');
    expect(kurrent).toMatch(/image: docker\.kurrent\.io\/kurrent-lts\/kurrentdb:26\.0\.\d+\n/);
    const serverEnv = environment(kurrent);
    expect(serverEnv).toMatchObject({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true' });
    expect(Object.keys(serverEnv).filter((key) => !key.startsWith('KURRENTDB_'))).toEqual([]); // the current prefix only
    expect(kurrent).toContain('- kurrentdb-data:/var/lib/kurrentdb');

    const postgres = service(normalised, 'postgres');
    expect(postgres).toMatch(/image: postgres:\d+/);
    expect(postgres).toContain('- postgres-data:/var/lib/postgresql/data');

    const [a, b] = ['api-a', 'api-b'].map((name) => service(normalised, name));
    expect(a).toMatch(/dockerfile: Dockerfile/);
    expect(a).toMatch(/published: 3000\n\s+target: 3000/);
    expect(b).toMatch(/published: 3001\n\s+target: 3000/);
    const [envA, envB] = [a, b].map(environment);
    expect(envA).toMatchObject({
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://kurrentdb:2113?tls=false',
      DATABASE_URL: `postgres://rop:${secrets.POSTGRES_PASSWORD}@postgres:5432/rop`,
      JWT_SECRET: secrets.JWT_SECRET,
      CLAIM_KEY_SECRET: secrets.CLAIM_KEY_SECRET,
      KEY_MASTER_KEY: secrets.KEY_MASTER_KEY,
    });
    expect(envB).toEqual(envA); // one store, one key store, one set of secrets
    // Each instance its own DATA_DIR: the read-model replica is per instance, nothing in it is shared.
    expect(a).toContain('- api-a-data:/data');
    expect(b).toContain('- api-b-data:/data');
  });
});
