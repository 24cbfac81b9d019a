import { addDays } from '@app/domain';
import { formatPosition, parsePosition } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { startTestApp, TestApp } from '../../../../test/support/test-app';
import { ALL_PROJECTIONS } from '../read-models/projections';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccountKey } from './demo-accounts';
import { DemoSeedResult, seedDemo } from './demo-seed';

/**
 * `npm run demo` must open a UI with something in every view. This seeds the demo, lets every read
 * model catch up, and asks each query the UI uses, as the demo account that would, for a non-empty
 * answer showing each situation the views are built for.
 */
describe('demo data in every read model', () => {
  let t: TestApp;
  let demo: DemoSeedResult;
  const tokens: Partial<Record<DemoAccountKey, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    demo = await seedDemo(t.app);
    let head: string | undefined;
    for await (const e of t.store.readAll({ direction: 'backwards', maxCount: 1 })) head = formatPosition(e.position);
    const names = ALL_PROJECTIONS.map((p) => p.name);
    expect(await t.app.get(ProjectionEngine).waitFor(names, parsePosition(head!), 60_000)).toBe(true);
    for (const key of ['caseWorker', 'supervisor', 'auditor'] as const) {
      tokens[key] = await t.login(DEMO_ACCOUNTS.find((a) => a.key === key)!.username, DEMO_PASSWORD);
    }
  }, 120_000);

  afterAll(async () => t?.close());

  const get = async (path: string, as: DemoAccountKey = 'supervisor') => {
    const res = await t.request('GET', path, { token: tokens[as] });
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };
  const facilityIds = () => demo.facilities.map((f) => f.facilityId);

  it('cases: a case in every status the search filters by', async () => {
    const all = await get('/api/v1/cases?limit=200', 'caseWorker');
    expect(all.total).toBe(demo.cases.length);
    const statuses = new Set(all.items.map((c: { status: string }) => c.status));
    for (const status of Object.keys(demo.statusCounts)) expect([status, statuses.has(status)]).toEqual([status, true]);
  });

  it('occupancy: occupied, offered, free and out-of-service units', async () => {
    const sum = { occupied: 0, reserved: 0, free: 0, unitsOutOfService: 0 };
    for (const id of facilityIds()) {
      const board = await get(`/api/v1/facilities/${id}/occupancy`);
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += board.summary[k];
    }
    expect(sum.occupied).toBeGreaterThan(0);
    expect(sum.reserved).toBeGreaterThan(0);
    expect(sum.free).toBeGreaterThan(0);
    expect(sum.unitsOutOfService).toBe(2);
  });

  it('waiting list: people waiting, some with declined offers, and the summary', async () => {
    const entries = [];
    for (const id of facilityIds()) entries.push(...(await get(`/api/v1/facilities/${id}/waiting-list`, 'caseWorker')).entries);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e: { offersDeclined: number }) => e.offersDeclined > 0)).toBe(true);
    expect((await get('/api/v1/waiting-list/summary')).overall.waiting).toBe(entries.length);
  });

  it('dashboards: agreements near and past their limit, exclusions with open obligations, appeals', async () => {
    const agreements = await get('/api/v1/dashboards/agreements?withinDays=30');
    expect(agreements.endingSoon.length).toBeGreaterThan(0);
    expect(agreements.pastLimit.length + agreements.pastEnd.length).toBeGreaterThan(0);
    const obligations = await get('/api/v1/dashboards/obligations');
    expect(obligations.exclusionsAwaitingAlternative.length).toBeGreaterThan(0);
    expect(Object.values(obligations.appeals).flat().length).toBeGreaterThan(0);
  });

  it('reports: moved-out people with destinations, incidents over several months, returns', async () => {
    const period = `from=${addDays(demo.today, -365)}&to=${demo.today}`;
    const outcomes = await get(`/api/v1/reports/outcomes?${period}`);
    expect(outcomes.exits.total).toBeGreaterThan(0);
    expect(Object.keys(outcomes.exits.byDestination).length).toBeGreaterThan(3);
    expect(outcomes.incidents.byMonth.filter((m: { total: number }) => m.total > 0).length).toBeGreaterThanOrEqual(3);
    const returns = await get(`/api/v1/reports/returns?${period}`);
    expect(returns.exitsToPermanent).toBeGreaterThan(0);
  });

  it('timeline and audit log: a resident’s history, and every event with its actor', async () => {
    const resident = demo.cases.find((c) => c.status === 'resident')!;
    const timeline = await get(`/api/v1/people/${resident.personId}/timeline`, 'caseWorker');
    expect(timeline.entries.length).toBeGreaterThan(3);
    const audit = await get('/api/v1/audit/events?limit=50', 'auditor');
    expect(audit.entries.length).toBe(50);
    expect(new Set(audit.entries.map((e: { actorRole: string }) => e.actorRole)).size).toBeGreaterThan(1);
  });
});
