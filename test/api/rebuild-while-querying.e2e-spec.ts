import { ProjectionEngine } from '@app/projections';
import { startTestApp, TestApp } from '../support/test-app';

/** Queries keep answering from the live generation while a rebuild fills the next one, then switch. */
describe('a rebuild while queries run', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('never answers with an empty or partial read model', async () => {
    const admin = await t.adminToken();
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
    });
    const auditor = await t.login('revisor', 'a long auditor password');
    let last = '0';
    for (let i = 0; i < 60; i++) {
      const res = await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: `F${i}`,
          kind: 'scattered_site',
          municipality: 'Stavanger',
          targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
          exclusionReasons: [],
        },
      });
      last = res.body.position;
    }
    const count = async () => (await t.request('GET', `/api/v1/audit/events?limit=500&minPosition=${last}`, { token: auditor })).body.entries.length as number;
    const expected = await count();
    expect(expected).toBeGreaterThan(60);

    const engine = t.app.get(ProjectionEngine);
    const rebuilding = engine.rebuild(['audit_log']);
    const seen: number[] = [];
    let done = false;
    void rebuilding.then(() => (done = true));
    while (!done) seen.push(await count());
    seen.push(await count());
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((n) => n === expected)).toBe(true);
  });
});
