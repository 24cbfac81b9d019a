import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { addDays, allowedCaseCommands, CaseCommand, CaseEvent, caseDecider, CaseState, caseStream } from '@app/domain';
import { cmd, paths, sampleCommand } from '../../libs/domain/src/case/case.fixtures';
import { SYSTEM_ACTOR } from '../../apps/api/src/platform/auth/actor';
import { DomainRuleViolation } from '../../apps/api/src/platform/errors/command-errors';
import { CommandRunner } from '../../apps/api/src/platform/commands/command-runner';
import { ReplayService } from '../../apps/api/src/features/audit/replay.service';
import { KEY_STORE, KeyStore } from '../../apps/api/src/platform/crypto/key-store.port';
import { toPlain } from '../../apps/api/src/features/audit/state-diff';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Replay reads the stored events back (decrypted, upcast) and folds them with the decider's evolve.
 * Property: for random case histories written through the real command runner, the replay at every
 * revision equals the state the deciders produce in memory at that point.
 */
describe('point-in-time replay', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('equals the deciders’ own state at every revision of generated histories', async () => {
    const runner = t.app.get(CommandRunner);
    const replays = t.app.get(ReplayService);
    const ctx = () => {
      const id = randomUUID();
      return { actor: SYSTEM_ACTOR, commandId: id, correlationId: id };
    };
    let revisionsChecked = 0;
    const statusesSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        // A known path to some stage (so histories reach residency and beyond), then a random walk.
        fc.constantFrom('referred', 'granted', 'waitlisted', 'offered', 'resident', 'excluded'),
        fc.array(fc.record({ pick: fc.nat({ max: 1000 }), advance: fc.integer({ min: 0, max: 20 }) }), { minLength: 10, maxLength: 40 }),
        async (start, steps) => {
          const caseId = randomUUID();
          const personId = randomUUID();
          // The person's key, as their registration makes it (cases here are written without the person stream).
          await t.app.get<KeyStore>(KEY_STORE).create(personId);
          let state: CaseState = caseDecider.initialState;
          const expected: CaseState[] = [];
          let on: string;
          const apply = async (command: CaseCommand): Promise<boolean> => {
            const decision = caseDecider.decide(command, state);
            try {
              await runner.run({ decider: caseDecider, stream: caseStream(caseId), command }, ctx());
            } catch (error) {
              if (!(error instanceof DomainRuleViolation)) throw error;
            }
            if (!decision.ok) return false;
            for (const event of decision.events as CaseEvent[]) {
              state = caseDecider.evolve(state, event);
              expected.push(state);
            }
            return decision.events.length > 0;
          };
          for (const command of paths[start as keyof typeof paths]())
            await apply({ ...command, caseId, ...(command.type === 'RegisterReferral' ? { personId } : {}) } as CaseCommand);
          on = '2025-02-02'; // the fixture paths are dated January 2025; the walk goes on from here
          for (const [n, step] of steps.entries()) {
            const allowed = allowedCaseCommands(state);
            if (allowed.length === 0) break;
            on = addDays(on, step.advance);
            // A sampled command may still break a rule; try a few of the allowed ones before moving on.
            for (let attempt = 0; attempt < 4; attempt++) {
              const command = sampleCommand(allowed[(step.pick + attempt * 7) % allowed.length], state, on, n * 10 + attempt);
              if (await apply({ ...command, caseId } as CaseCommand)) break;
            }
          }
          for (let revision = 0; revision < expected.length; revision++) {
            const replay = await replays.replayCase(caseId, { revision: BigInt(revision) });
            expect(replay.revision).toBe(String(revision));
            expect(replay.state).toEqual(toPlain(expected[revision]));
            revisionsChecked++;
            statusesSeen.add(expected[revision].status);
          }
        },
      ),
      { numRuns: 80, seed: 20261122 },
    );
    // The generator must reach deep into the lifecycle, not stop at the referral.
    expect(revisionsChecked).toBeGreaterThan(300);
    expect([...statusesSeen]).toEqual(expect.arrayContaining(['referred', 'accepted', 'offered', 'resident', 'moved_out']));
  }, 120_000);

  it('shows who did each step, when, and what it changed', async () => {
    const admin = await t.adminToken();
    const runner = t.app.get(CommandRunner);
    const caseId = randomUUID();
    // The team lead is a real user, named by the staff read model; u-kari is no one it knows.
    const lead = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'per', displayName: 'Per Leder', password: 'a long team lead password', grants: [] },
    });
    expect(lead.status).toBe(201);
    const perId: string = lead.body.id;
    await t.app.get<KeyStore>(KEY_STORE).create(cmd.register().personId);
    await runner.run(
      { decider: caseDecider, stream: caseStream(caseId), command: { ...cmd.register(), caseId } },
      { actor: { userId: 'u-kari', username: 'kari', grants: [{ role: 'case_worker', facilityIds: [] }] }, commandId: 'c1', correlationId: 'corr-1' },
    );
    await runner.run(
      { decider: caseDecider, stream: caseStream(caseId), command: { ...cmd.meeting('accepted'), caseId } },
      { actor: { userId: perId, username: 'per', grants: [{ role: 'team_lead', facilityIds: [] }] }, commandId: 'c2', correlationId: 'corr-2' },
    );
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
    });
    const auditor = await t.login('revisor', 'a long auditor password');
    const full = await t.request('GET', `/api/v1/audit/cases/${caseId}/replay`, { token: auditor });
    expect(full.status).toBe(200);
    expect(full.body.steps.map((s: any) => [s.type, s.actorId, s.actorRole, s.actorName])).toEqual([
      ['ReferralRegistered', 'u-kari', 'case_worker', null],
      ['AssessmentMeetingRecorded', perId, 'team_lead', 'Per Leder'],
    ]);
    expect(full.body.steps[1].changes).toEqual(expect.arrayContaining([{ path: 'status', before: 'referred', after: 'accepted' }]));
    // The meeting's id went into the decider's idempotency ledger: kept in the state, left out of "what changed".
    expect(Object.keys(full.body.state.ledger)).toEqual(expect.arrayContaining([expect.stringMatching(/^AssessmentMeetingRecorded:/)]));
    expect(full.body.steps.flatMap((s: any) => s.changes.map((c: any) => c.path)).filter((p: string) => p.startsWith('ledger'))).toEqual([]);
    const first = await t.request('GET', `/api/v1/audit/cases/${caseId}/replay?revision=0`, { token: auditor });
    expect(first.body.state.status).toBe('referred');
    const before = await t.request('GET', `/api/v1/audit/cases/${caseId}/replay?at=2000-01-01T00:00:00Z`, { token: auditor });
    expect(before.body).toMatchObject({ revision: null, steps: [] });
    expect((await t.request('GET', `/api/v1/audit/cases/${caseId}/replay`, { token: admin })).status).toBe(403);
  });
});
