import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { facilityDecider, facilityStream, openOccupancies, openReservations, unitDecider, unitStream } from '@app/domain';
import { EVENT_STORE, SqliteEventStore } from '@app/event-store';
import { cmd, boligNu } from '../../libs/domain/src/case/case.fixtures';
import { Actor } from '../../apps/api/src/platform/auth/actor';
import { CommandContext, CommandRunner } from '../../apps/api/src/platform/commands/command-runner';
import { StreamReader } from '../../apps/api/src/platform/streams/stream-reader';
import { CaseCommandService } from '../../apps/api/src/features/cases/case-command.service';
import { RegisterPersonWorkflow } from '../../apps/api/src/features/people/register-person.workflow';
import { UnitOccupancyRepair } from '../../apps/api/src/features/placement/unit-occupancy.repair';
import { FaultyEventStore } from '../support/faulty-event-store';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A move-in writes the case, then the unit. When the process dies between the two appends (here: the
 * unit append fails and the app is shut down), the next start repairs the unit from the case event.
 */
describe('move-in survives a crash between the case and the unit append', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-repair-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const facilityId = randomUUID();
  const unitId = randomUUID();
  const actor: Actor = {
    userId: 'u-worker',
    username: 'worker',
    grants: [
      { role: 'case_worker', facilityIds: [facilityId] },
      { role: 'team_lead', facilityIds: [facilityId] },
    ],
  };
  const ctx = (): CommandContext => {
    const id = randomUUID();
    return { actor, commandId: id, correlationId: id };
  };
  /** The unit with the claims that have no recorded end (what it holds now). */
  const unitState = async (t: TestApp) => {
    const { state } = await t.app.get(StreamReader).load(unitDecider, unitStream(unitId));
    if (state.status !== 'active') throw new Error('unit missing');
    return { ...state, occupants: openOccupancies(state), reservations: openReservations(state) };
  };

  /** An app on a store that can be made to fail, with a facility, a unit and a person whose case is granted. */
  async function grantedCase() {
    const faulty = new FaultyEventStore(new SqliteEventStore({ file: join(dataDir, 'events.sqlite') }));
    const first = await startTestApp({}, [{ provide: EVENT_STORE, useValue: faulty }], { dataDir });
    const runner = first.app.get(CommandRunner);
    const cases = first.app.get(CaseCommandService);
    const { facilityId: _f, ...profile } = { ...boligNu, name: 'Bolig Nu', municipality: 'Bodø', maxStayDays: 90 };
    await runner.run({ decider: facilityDecider, stream: facilityStream(facilityId), command: { type: 'RegisterFacility', facilityId, ...profile } }, ctx());
    await runner.run(
      { decider: unitDecider, stream: unitStream(unitId), command: { type: 'AddUnit', unitId, facilityId, label: 'H01', kind: 'temporary', capacity: 1 } },
      ctx(),
    );
    const person = await first.app
      .get(RegisterPersonWorkflow)
      .run({ givenName: 'Ola', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'male' }, ctx());
    const { type: _t, caseId: _c, facility: _fs, person: _ps, ...referral } = cmd.register();
    const { caseId } = await cases.registerReferral({ ...referral, personId: person.personId, facilityId }, ctx());
    await cases.execute({ ...cmd.meeting('accepted'), caseId }, ctx());
    await cases.execute({ ...cmd.decision('grant'), caseId }, ctx());
    return { faulty, first, cases, caseId, personId: person.personId as string };
  }

  it('occupies the unit at the next start', async () => {
    const { faulty, first, cases, caseId, personId } = await grantedCase();
    const offerId = randomUUID();
    await cases.execute({ ...cmd.offer({ offerId, unitId, facilityId }), caseId }, ctx());
    await cases.execute({ ...cmd.accept({ offerId }), caseId }, ctx());
    expect((await unitState(first)).reservations).toHaveLength(1);

    faulty.failAppendsTo = (stream) => stream.startsWith('unit-');
    const {
      type: _m,
      unit: _u,
      facilityMaxStayDays: _x,
      ...moveIn
    } = cmd.moveIn({
      offerId,
      unitId,
      agreement: { kind: 'temporary_agreement', startsOn: '2025-02-01', endsOn: '2025-04-30' },
    });
    const outcome = await cases.execute({ ...moveIn, type: 'MoveIn', caseId }, ctx());
    expect(outcome.events).toEqual(['MovedIn']);
    expect((await unitState(first)).occupants).toHaveLength(0);
    await first.close(); // the "crash": the unit was never written

    const second = await startTestApp({}, [], { dataDir });
    try {
      await second.app.get(UnitOccupancyRepair).caughtUp();
      const unit = await unitState(second);
      expect(unit.occupants).toEqual([expect.objectContaining({ caseId, personId })]);
      expect(unit.reservations).toHaveLength(0);
      // Repairing again (another restart, or the live path racing the repair) writes nothing new.
      let unitEvents = 0;
      for await (const _e of second.store.readStream(unitStream(unitId))) unitEvents++;
      await second.app.get(UnitOccupancyRepair).sweep(new Date(Date.now() + 3_600_000));
      let after = 0;
      for await (const _e of second.store.readStream(unitStream(unitId))) after++;
      expect(after).toBe(unitEvents);
    } finally {
      await second.close();
    }
  });

  it('releases a reservation whose offer was never recorded', async () => {
    const { faulty, first, cases, caseId } = await grantedCase();
    let unitAppends = 0;
    // The reservation is written; then the case append and the compensating release both fail, as if the process died.
    faulty.failAppendsTo = (stream) => stream.startsWith('case-') || (stream.startsWith('unit-') && ++unitAppends > 1);
    await expect(cases.execute({ ...cmd.offer({ offerId: randomUUID(), unitId, facilityId }), caseId }, ctx())).rejects.toThrow('injected fault');
    expect((await unitState(first)).reservations).toHaveLength(1);
    await first.close();

    const second = await startTestApp({}, [], { dataDir });
    try {
      const repair = second.app.get(UnitOccupancyRepair);
      await repair.caughtUp();
      expect(await repair.sweep(new Date())).toBe(0); // still within the grace period: the offer may be on its way
      expect(await repair.sweep(new Date(Date.now() + 3_600_000))).toBe(1);
      expect((await unitState(second)).reservations).toHaveLength(0);
    } finally {
      await second.close();
    }
  });
});
