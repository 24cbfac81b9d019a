import { userDecider, UserCommand, UserState } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { queryHarness } from '../shared/query-harness';
import { accountsProjection } from './accounts.projection';
import { GetAccountHandler, ListAccountsHandler } from './accounts.query';

/** The events the user decider records for these commands on one user, in order. */
function decided(...commands: UserCommand[]) {
  let state: UserState = userDecider.initialState;
  const events = [];
  for (const command of commands) {
    const decision = userDecider.decide(command, state);
    if (!decision.ok) throw new Error(`refused: ${decision.error.rule}`);
    state = decision.events.reduce(userDecider.evolve, state);
    events.push(...decision.events.map((e) => ({ type: e.type, data: { ...e.data }, stream: `user-${command.userId}` })));
  }
  return events;
}

const create = (userId: string, username: string, displayName: string): UserCommand => ({
  type: 'CreateUser',
  userId,
  on: '2026-01-05',
  username,
  displayName,
  passwordHash: 'x',
});
const grant = (userId: string, role: 'case_worker' | 'auditor', facilityIds?: string[]): UserCommand => ({
  type: 'GrantRole',
  userId,
  role,
  facilityIds,
  requestedBy: 'admin-1',
  requestId: `r-${userId}-${role}`,
});

describe('accounts projection', () => {
  const feed = (spec: ReturnType<typeof projectionSpec>) =>
    [
      ...decided(create('u1', 'kari.nordmann', 'Kari Nordmann'), grant('u1', 'case_worker', ['f2', 'f1']), grant('u1', 'auditor')),
      ...decided(
        create('u2', 'ola', 'Ola Ærlig'),
        grant('u2', 'auditor'),
        { type: 'RevokeRole', userId: 'u2', role: 'auditor' },
        grant('u2', 'case_worker', ['f1']),
        { type: 'DisableUser', userId: 'u2' },
      ),
      ...decided(create('u3', 'per', 'Per Pål'), { type: 'DisableUser', userId: 'u3' }, { type: 'EnableUser', userId: 'u3' }),
    ].map((e) => spec.event(e.type, e.data, { stream: e.stream }));

  const handlers = (spec: ReturnType<typeof projectionSpec>) => {
    const { readModels } = queryHarness(spec, '2026-02-01');
    return { list: new ListAccountsHandler(readModels), get: new GetAccountHandler(readModels) };
  };

  it('keeps each account with the roles in effect, and whether it is disabled', async () => {
    const spec = projectionSpec(accountsProjection);
    spec.given(...feed(spec));
    const { get } = handlers(spec);
    expect(await get.execute({ input: { userId: 'u1' } } as never)).toEqual({
      userId: 'u1',
      username: 'kari.nordmann',
      displayName: 'Kari Nordmann',
      disabled: false,
      createdOn: '2026-01-05',
      grants: [
        { role: 'auditor', facilityIds: [] },
        { role: 'case_worker', facilityIds: ['f1', 'f2'] },
      ],
    });
    expect(await get.execute({ input: { userId: 'u2' } } as never)).toMatchObject({ disabled: true, grants: [{ role: 'case_worker', facilityIds: ['f1'] }] });
    expect(await get.execute({ input: { userId: 'u3' } } as never)).toMatchObject({ disabled: false, grants: [] });
    await expect(get.execute({ input: { userId: 'nobody' } } as never)).rejects.toThrow('User not found');
  });

  it('finds accounts by words of the username or display name (any case, æøå too) and by role, paged', async () => {
    const spec = projectionSpec(accountsProjection);
    spec.given(...feed(spec));
    const { list } = handlers(spec);
    const names = async (input: object) => (await list.execute({ input: { limit: 50, offset: 0, ...input } } as never)).items.map((a) => a.username);
    expect(await names({})).toEqual(['kari.nordmann', 'ola', 'per']);
    expect(await names({ q: 'ÆRLIG' })).toEqual(['ola']);
    expect(await names({ q: 'nord kari' })).toEqual(['kari.nordmann']);
    expect(await names({ q: '%' })).toEqual([]);
    expect(await names({ role: 'case_worker' })).toEqual(['kari.nordmann', 'ola']);
    expect(await names({ role: 'auditor' })).toEqual(['kari.nordmann']);
    const page = await list.execute({ input: { limit: 1, offset: 1 } } as never);
    expect([page.total, page.items.map((a) => a.username)]).toEqual([3, ['ola']]);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(accountsProjection);
    const events = feed(spec);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.accounts).toHaveLength(3);
  });
});
