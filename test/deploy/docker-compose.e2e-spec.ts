import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../support/spawn-api';

/**
 * docker-compose.yml must stay valid although no Docker engine runs here: Debian's docker-compose
 * validates and normalises the file without one. `.ci/run` installs it on a fresh machine.
 */
describe('docker-compose.yml', () => {
  const compose = (...args: string[]) => {
    try {
      return execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new Error('docker-compose is not installed: run `bash .ci/run` or `apt-get install -y docker-compose`');
      throw new Error(`docker-compose config failed: ${e.stderr ?? e.message}`);
    }
  };

  it('validates', () => {
    expect(() => compose('config', '-q')).not.toThrow();
  });

  it('runs a single-node EventStoreDB and the API built from the Dockerfile on it', () => {
    const normalised = compose('config');
    expect(compose('config', '--services').trim().split('\n').sort()).toEqual(['api', 'eventstore']);
    expect(normalised).toMatch(/image: eventstore\/eventstore:\S+/);
    expect(normalised).toMatch(/EVENTSTORE_CLUSTER_SIZE: ['"]1['"]/);
    expect(normalised).toMatch(/EVENTSTORE_INSECURE: ['"]true['"]/);
    expect(normalised).toContain('EVENT_STORE: esdb');
    expect(normalised).toMatch(/EVENTSTORE_CONNECTION_STRING: esdb:\/\/eventstore:2113\?tls=false/);
    expect(normalised).toMatch(/dockerfile: Dockerfile/);
    expect(normalised).toMatch(/eventstore-data:/);
  });
});
