import { MemoryThrottleStore } from '../../apps/api/src/platform/throttle/memory-throttle-store';
import { THROTTLE_STORE } from '../../apps/api/src/platform/throttle/throttle-store.port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/postgres';
import { runApiExpectingFailure } from '../support/spawn-api';
import { startTestApp, TestApp } from '../support/test-app';

/** The app's side of the PostgreSQL key store: checked at start, honest about it when it is away. */
describe('the PostgreSQL key store in the app', () => {
  it('refuses to start without a master key given from outside, saying so', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rop-keys-boot-'));
    try {
      const { code, stderr } = await runApiExpectingFailure({ DATA_DIR: root, DATABASE_URL: 'postgres://rop@127.0.0.1:5432/rop' });
      expect(code).toBe(2);
      expect(stderr).toContain('The PostgreSQL key store needs a master key kept outside the database: set KEY_MASTER_KEY or KEY_MASTER_KEY_FILE');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('when PostgreSQL does not answer', () => {
    let t: TestApp;
    beforeAll(async () => {
      const port = await freePort();
      // The login throttle shares DATABASE_URL and fails closed without it (no login at all, 503): it is
      // not what is under test here, so it is kept in memory, and the staff can log in.
      t = await startTestApp({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/rop`, KEY_MASTER_KEY: 'a master key of at least thirty-two characters' }, [
        { provide: THROTTLE_STORE, useValue: new MemoryThrottleStore() },
      ]);
    });
    afterAll(() => t?.close());

    it('starts, but is not ready, and a command answers 503 with Retry-After, not 500', async () => {
      const health = await t.request('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.keyStore).toEqual({ status: 'down', adapter: 'postgres', error: 'KeyStoreUnavailableError' });
      expect(health.body.checks.eventStore.status).toBe('up');
      // Staff accounts hold no personal data of residents: they are made without the key store.
      const admin = await t.adminToken();
      const facility = await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'staffed_cluster',
          municipality: 'Bodø',
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
          exclusionReasons: [],
        },
      });
      const grants = [{ role: 'case_worker', facilityIds: [facility.body.id] }];
      expect(
        (
          await t.request('POST', '/api/v1/users', {
            token: admin,
            body: { username: 'pg.worker', displayName: 'W', password: 'a long enough password', grants },
          })
        ).status,
      ).toBe(201);
      const worker = await t.login('pg.worker', 'a long enough password');
      const person = await t.request('POST', '/api/v1/people', {
        token: worker,
        body: { givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' },
      });
      expect([person.status, person.body.type]).toEqual([503, 'urn:problem:key-store-unavailable']);
      expect(person.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
