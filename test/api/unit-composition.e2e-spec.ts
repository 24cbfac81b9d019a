import { creator, facilityBody } from '../support/lifecycle';
import { startTestApp, TestApp } from '../support/test-app';
import { CompositionWorld, seedComposition } from '../ui/support/seed-composition';

type Json = Record<string, any>;

/**
 * Issue 14 item 8 over HTTP: units carry the attributes their facility records and a floor or
 * cluster, and the occupancy board tells, per unit, the latest Brøset bands of the people living on
 * its cluster, as counts: what a case worker weighs when offering a flat, without reading anyone's file.
 */
describe('unit attributes and resident composition (API)', () => {
  let t: TestApp;
  let world: CompositionWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedComposition(t);
  }, 120_000);
  afterAll(() => t?.close());

  /** The board once the read model has caught up with the seed (Kari's assessment is among its last events). */
  async function board(): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const res = await t.request('GET', `/api/v1/facilities/${world.facilityId}/occupancy`, { token: world.tokens.worker });
      const h101 = res.body?.units?.find((u: Json) => u.label === 'H101');
      if ((res.status === 200 && h101?.clusterRisk?.residents === 2 && h101.clusterRisk.low === 1) || attempt > 50) return res.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const describeUnit = (unitId: string, body: object, token = world.tokens.worker) => t.request('POST', `/api/v1/units/${unitId}/description`, { token, body });

  it('shows each unit’s attributes and cluster, and the bands of its cluster’s residents as counts only', async () => {
    const units = new Map((await board()).units.map((u: Json) => [u.label, u]));
    const firstFloor = { cluster: '1. etasje', residents: 2, low: 1, moderate: 0, high: 1, notAssessed: 0 };
    const secondFloor = { cluster: '2. etasje', residents: 1, low: 0, moderate: 0, high: 0, notAssessed: 1 };
    expect(units.get('H101')).toMatchObject({ attributes: ['reinforced', 'ground_floor'], cluster: '1. etasje', clusterRisk: firstFloor });
    expect(units.get('H102')).toMatchObject({ attributes: ['pets_allowed'], cluster: '1. etasje', clusterRisk: firstFloor, freePlaces: 1 });
    expect(units.get('H202')).toMatchObject({ attributes: ['pets_allowed'], cluster: '2. etasje', clusterRisk: secondFloor, freePlaces: 1 });
    // The ROS text and the checklist never reach the board.
    expect(JSON.stringify(units.get('H102'))).not.toMatch(/ROS etter|irritable/);
  });

  it('refuses an attribute the facility does not record (422), a malformed description (400), and a stranger (403)', async () => {
    const refused = await describeUnit(world.units.H103, { attributes: ['accessible'] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: 'unit.attribute_not_used_by_facility' });
    const added = await t.request('POST', `/api/v1/facilities/${world.facilityId}/units`, {
      token: world.tokens.admin,
      body: { label: 'H301', kind: 'temporary', capacity: 1, attributes: ['accessible'] },
    });
    expect(added.status).toBe(422);
    expect(added.body).toMatchObject({ rule: 'unit.attribute_not_used_by_facility' });
    expect((await describeUnit(world.units.H103, { attributes: ['sauna'] })).status).toBe(400);
    expect((await describeUnit(world.units.H103, { attributes: [], cluster: 'x'.repeat(41) })).status).toBe(400);
    expect((await describeUnit(world.units.H103, { attributes: ['reinforced', 'reinforced'] })).status).toBe(400);
    // A case worker of another facility.
    const created = creator(t);
    const otherId = await created('/api/v1/facilities', world.tokens.admin, facilityBody('Annet botiltak'));
    await created('/api/v1/users', world.tokens.admin, {
      username: 'uk.annen',
      displayName: 'Annen',
      password: 'a long enough password',
      grants: [{ role: 'case_worker', facilityIds: [otherId] }],
    });
    expect((await describeUnit(world.units.H103, { attributes: [] }, await t.login('uk.annen', 'a long enough password'))).status).toBe(403);
  });

  it('records a changed description once, and nothing when it is repeated', async () => {
    const first = await describeUnit(world.units.H103, { attributes: ['ground_floor'], cluster: '1. etasje' });
    expect(first.status).toBe(200);
    expect(first.body.events).toEqual(['UnitDescribed']);
    const again = await describeUnit(world.units.H103, { attributes: ['ground_floor'], cluster: '1. etasje' });
    expect(again.status).toBe(200);
    expect(again.body.events).toEqual([]);
    const res = await t.request('GET', `/api/v1/facilities/${world.facilityId}/occupancy?minPosition=${first.body.position}`, { token: world.tokens.worker });
    expect(res.body.units.find((u: Json) => u.label === 'H103')).toMatchObject({ attributes: ['ground_floor'], cluster: '1. etasje' });
  });
});
