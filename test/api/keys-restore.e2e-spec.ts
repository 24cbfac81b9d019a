import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';

/**
 * Backup and restore of the key store (README: "Backup and restore"): a key store restored from a
 * backup taken before a forget brings the forgotten person's key back. The app re-applies the
 * forgotten list from the log when it starts (the follower resumes from the checkpoint the backup
 * holds), so the person is forgotten again and their key is gone from the files once more.
 */
describe('restoring the key store from a backup older than a forget', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rop-e2e-restore-'));
  const keysFile = join(dataDir, 'keys.sqlite');
  const backupFile = join(dataDir, '..', `${dataDir.split('/').pop()}-keys-backup.sqlite`);
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backupFile, { force: true });
  });

  const storedKey = (personId: string) => {
    const db = new Database(keysFile, { readonly: true });
    try {
      return db.prepare('SELECT wrapped FROM wrapped_keys WHERE person_id = ?').pluck().get(personId) as Buffer | undefined;
    } finally {
      db.close();
    }
  };
  const onDisk = (secret: Buffer) => ['', '-wal', '-shm'].some((s) => existsSync(keysFile + s) && readFileSync(keysFile + s).includes(secret));

  it('forgets the person again after the restore, and keeps everyone else', async () => {
    t = await startTestApp({}, [], { dataDir });
    const admin = await t.adminToken();
    const facilityId = (
      await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'staffed_cluster',
          municipality: 'Bodø',
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
          exclusionReasons: [],
        },
      })
    ).body.id;
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'restore.auditor',
        displayName: 'A',
        password: PASSWORD,
        grants: [{ role: 'auditor' }, { role: 'case_worker', facilityIds: [facilityId] }],
      },
    });
    let worker = await t.login('restore.auditor', PASSWORD);
    const register = async (familyName: string) =>
      (await t.request('POST', '/api/v1/people', { token: worker, body: { givenName: 'Test', familyName, birthDate: '1980-04-04', gender: 'male' } })).body
        .id as string;
    const forgotten = await register('Gløersen');
    const kept = await register('Hatlevik');

    // An online backup, as an operator takes it while the app runs.
    const source = new Database(keysFile, { readonly: true });
    await source.backup(backupFile);
    source.close();
    const wrapped = storedKey(forgotten)!;
    expect(wrapped).toBeDefined();

    expect(
      (await t.request('POST', `/api/v1/people/${forgotten}/forget`, { token: admin, body: { legalBasis: 'court_order', on: '2026-11-22' } })).status,
    ).toBe(200);
    expect(storedKey(forgotten)).toBeUndefined();
    await t.close();

    // The restore: the key file as the backup had it, the forgotten key included.
    for (const suffix of ['-wal', '-shm']) rmSync(keysFile + suffix, { force: true });
    copyFileSync(backupFile, keysFile);
    expect(storedKey(forgotten)!.equals(wrapped)).toBe(true);

    t = await startTestApp({}, [], { dataDir });
    worker = await t.login('restore.auditor', PASSWORD);
    const deadline = Date.now() + 5000;
    while (storedKey(forgotten) !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storedKey(forgotten)).toBeUndefined();
    expect(onDisk(wrapped)).toBe(false);
    const replay = await t.request('GET', `/api/v1/audit/people/${forgotten}/replay`, { token: worker });
    expect(replay.status).toBe(200);
    expect(JSON.stringify(replay.body)).not.toContain('Gløersen');
    expect((await t.request('GET', `/api/v1/people/${kept}`, { token: worker })).body.familyName).toBe('Hatlevik');
  }, 60_000);
});
