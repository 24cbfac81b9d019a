import { userDecider } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { staffProjection } from './staff.projection';

/** A real UserCreated, decided by the user decider. */
function created(userId: string, username: string, displayName: string) {
  const decided = userDecider.decide({ type: 'CreateUser', userId, on: '2026-01-05', username, displayName, passwordHash: 'x' }, userDecider.initialState);
  if (!decided.ok) throw new Error(`refused: ${decided.error.rule}`);
  return decided.events.map((e) => ({ type: e.type, data: { ...e.data }, stream: `user-${userId}` }));
}

describe('staff projection', () => {
  const feed = (spec: ReturnType<typeof projectionSpec>) =>
    [...created('u1', 'kari.nordmann', 'Kari Nordmann'), ...created('u2', 'ola', 'Ola Hansen')].map((e) => spec.event(e.type, e.data, { stream: e.stream }));

  it('names each user by the display name they were created with', () => {
    const spec = projectionSpec(staffProjection);
    spec.given(...feed(spec));
    expect(spec.rows('staff_names', 'user_id')).toEqual([
      { user_id: 'u1', username: 'kari.nordmann', display_name: 'Kari Nordmann' },
      { user_id: 'u2', username: 'ola', display_name: 'Ola Hansen' },
    ]);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(staffProjection);
    const events = feed(spec);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.staff_names).toHaveLength(2);
  });
});
