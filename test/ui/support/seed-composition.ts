import { addDays, IsoDate } from '@app/domain';
import { calendarDateIn } from '../../../apps/api/src/platform/clock';
import { creator, facilityBody } from '../../support/lifecycle';
import { TestApp } from '../../support/test-app';
import { caseSteps, PASSWORD } from './seed-stays';

export const today: IsoDate = calendarDateIn(new Date(), 'Europe/Oslo');

/** Brøset checklists giving each band (0 items: low, 1–2: moderate, 3 or more: high). */
const BROSET = {
  low: { confused: false, irritable: false, boisterous: false, verbalThreats: false, physicalThreats: false, attackingObjects: false },
  high: { confused: false, irritable: true, boisterous: true, verbalThreats: true, physicalThreats: false, attackingObjects: false },
};

export interface CompositionWorld {
  facilityId: string;
  units: Record<'H101' | 'H102' | 'H103' | 'H201' | 'H202', string>;
  tokens: Record<'admin' | 'worker' | 'lead', string>;
  /** Usernames of the browser users; both have PASSWORD. */
  users: { worker: string; lead: string };
  /** A person granted a place, on the waiting list. */
  waiting: { caseId: string; name: string };
  /** A person granted a place, not on the waiting list: offered a unit from the case page. */
  granted: { caseId: string; name: string };
}

/**
 * A staffed house with two floors, as the seeds' staffed houses keep them: on the first floor a
 * reinforced ground-floor flat where Kari lives (Brøset high), a free flat that allows pets and Per's
 * flat (low); on the second Ola's flat (not assessed yet) and a free flat described after it was
 * added. Nina waits on the waiting list, Siv has just been granted a place. Everything through the HTTP API as staff would, each step asserted.
 */
export async function seedComposition(t: TestApp): Promise<CompositionWorld> {
  const admin = await t.adminToken();
  const created = creator(t);
  const facilityId = await created('/api/v1/facilities', admin, {
    ...facilityBody('Rønvik bofellesskap'),
    unitAttributes: ['reinforced', 'ground_floor', 'pets_allowed'],
  });
  const users = { worker: 'uk.saksbehandler', lead: 'uk.teamleder' };
  await created('/api/v1/users', admin, {
    username: users.worker,
    displayName: 'Saksbehandler',
    password: PASSWORD,
    grants: [{ role: 'case_worker', facilityIds: [facilityId] }],
  });
  await created('/api/v1/users', admin, {
    username: users.lead,
    displayName: 'Teamleder',
    password: PASSWORD,
    grants: [{ role: 'team_lead', facilityIds: [facilityId] }],
  });
  const tokens = { admin, worker: await t.login(users.worker, PASSWORD), lead: await t.login(users.lead, PASSWORD) };

  const unit = (label: string, described: object = {}) =>
    created(`/api/v1/facilities/${facilityId}/units`, admin, { label, kind: 'temporary', capacity: 1, ...described });
  const units = {
    H101: await unit('H101', { attributes: ['reinforced', 'ground_floor'], cluster: '1. etasje' }),
    H102: await unit('H102', { attributes: ['pets_allowed'], cluster: '1. etasje' }),
    H103: await unit('H103', { cluster: '1. etasje' }),
    H201: await unit('H201', { cluster: '2. etasje' }),
    H202: await unit('H202'),
  };
  const described = await t.request('POST', `/api/v1/units/${units.H202}/description`, {
    token: tokens.worker,
    body: { attributes: ['pets_allowed'], cluster: '2. etasje' },
  });
  if (described.status !== 200) throw new Error(`description: ${described.status} ${JSON.stringify(described.body)}`);

  const { step, granted, movedIn } = caseSteps(t, tokens, facilityId);
  const moveInOn = addDays(today, -10);
  const resident = async (givenName: string, unitId: string, band?: keyof typeof BROSET) => {
    const { caseId } = await granted({ givenName, familyName: 'Beboer', birthDate: '1985-04-01', gender: 'female' }, moveInOn);
    await movedIn(caseId, unitId, moveInOn);
    if (band) await step(caseId, 'RecordRiskAssessment', { on: addDays(today, -2), rosSummary: 'ROS etter innflytting', broset: BROSET[band] });
  };
  await resident('Kari', units.H101, 'high');
  await resident('Per', units.H103, 'low');
  await resident('Ola', units.H201);
  const waiting = await granted({ givenName: 'Nina', familyName: 'Venter', birthDate: '1990-06-01', gender: 'female' }, today);
  await step(waiting.caseId, 'PlaceOnWaitingList', { on: addDays(today, -1), facilityId, priority: 2 });
  const decided = await granted({ givenName: 'Siv', familyName: 'Innvilget', birthDate: '1992-02-01', gender: 'female' }, today);
  return {
    facilityId,
    units,
    tokens,
    users,
    waiting: { caseId: waiting.caseId, name: 'Nina Venter' },
    granted: { caseId: decided.caseId, name: 'Siv Innvilget' },
  };
}
