import { CaseCommand, CaseEvent } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { Actor } from '../../platform/auth/actor';
import { queryHarness } from '../shared/query-harness';
import { returnsProjection } from './returns.projection';
import { GetReturnsReportHandler, GetReturnsReportQuery } from './returns.query';

const feed = (spec: ReturnType<typeof projectionSpec>, events: CaseEvent[]) =>
  events.map((e) => spec.event(e.type, e.data, { stream: `case-${e.data.caseId}` }));
/** A case of its own for `personId`: every command renamed to the case, the referral to the person and facility. */
const caseOf = (caseId: string, personId: string, commands: CaseCommand[], facilityId = 'f1') =>
  historyOf(
    ...commands.map((c) =>
      c.type === 'RegisterReferral' ? { ...c, caseId, personId, facility: { ...c.facility, facilityId } } : ({ ...c, caseId } as CaseCommand),
    ),
  );
/** Moved in 1 February 2025, moved out 15 April 2025 to `destination`. */
const stayThenOut = (destination: 'private_rental' | 'shelter_or_guesthouse' | 'municipal_housing') => [...paths.resident(), cmd.moveOut({ destination })];
const referredAgainOn = (on: string) => [cmd.register({ on, consent: { given: true, scope: 'NAV', date: on } })];

describe('returns projection', () => {
  it('keeps every move-out with its destination category and every referral', () => {
    const spec = projectionSpec(returnsProjection);
    spec.given(...feed(spec, caseOf('c1', 'p1', stayThenOut('private_rental'))));
    expect(spec.rows('returns_exits')).toEqual([
      {
        case_id: 'c1',
        person_id: 'p1',
        facility_id: 'f1',
        moved_out_on: '2025-04-15',
        destination: 'private_rental',
        destination_category: 'permanent',
        exit_reason: 'completed',
      },
    ]);
    expect(spec.rows('returns_referrals')).toEqual([{ case_id: 'c1', person_id: 'p1', facility_id: 'f1', referred_on: '2025-01-06' }]);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(returnsProjection);
    const events = feed(spec, [...caseOf('c1', 'p1', stayThenOut('private_rental')), ...caseOf('c2', 'p1', referredAgainOn('2025-08-01'), 'f2')]);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.returns_referrals).toHaveLength(2);
  });
});

describe('returns query', () => {
  const auditor: Actor = { userId: 'a', username: 'a', grants: [{ role: 'auditor', facilityIds: [] }] };

  it('counts people who left for a permanent home and were referred again, anywhere, within 6, 12 and 24 months', async () => {
    const spec = projectionSpec(returnsProjection);
    spec.given(
      ...feed(spec, [
        // p1: private rental on 15 April 2025, referred to another facility on 1 August: within 6 months.
        ...caseOf('c1', 'p1', stayThenOut('private_rental')),
        ...caseOf('c2', 'p1', referredAgainOn('2025-08-01'), 'f2'),
        // p2: municipal housing, back after 10 months.
        ...caseOf('c3', 'p2', stayThenOut('municipal_housing')),
        ...caseOf('c4', 'p2', referredAgainOn('2026-02-15')),
        // p3: municipal housing, never back. p4: to a shelter: not a permanent exit, not counted.
        ...caseOf('c5', 'p3', stayThenOut('municipal_housing')),
        ...caseOf('c6', 'p4', stayThenOut('shelter_or_guesthouse')),
        ...caseOf('c7', 'p4', referredAgainOn('2025-05-01')),
      ]),
    );
    const { readModels, clock } = queryHarness(spec, '2026-06-01');
    const report = await new GetReturnsReportHandler(readModels, clock).execute(
      new GetReturnsReportQuery({ actor: auditor, facilityId: 'f1', from: '2025-01-01', to: '2025-12-31' }),
    );
    expect(report.exitsToPermanent).toBe(3);
    expect(report.byDestination).toEqual({ private_rental: 1, municipal_housing: 2 });
    expect(report.windows).toEqual([
      { months: 6, days: 180, returned: 1, returnedInBand: 1, percent: 33.3, windowComplete: 3 },
      { months: 12, days: 365, returned: 2, returnedInBand: 1, percent: 66.7, windowComplete: 3 },
      { months: 24, days: 730, returned: 2, returnedInBand: 0, percent: 66.7, windowComplete: 0 },
    ]);
    expect(report.reEnteredWithinGraceOnly).toBe(0);
  });

  it('counts no re-referral within 14 days of the exit as a return, the same day least of all (HUD SPM 2)', async () => {
    const spec = projectionSpec(returnsProjection);
    spec.given(
      ...feed(spec, [
        // p1: out to a private rental on 15 April 2025, re-referred the same day: a transfer, not a return.
        ...caseOf('c1', 'p1', stayThenOut('private_rental')),
        ...caseOf('c2', 'p1', referredAgainOn('2025-04-15'), 'f2'),
        // p2: re-referred on day 14 (29 April): still no return.
        ...caseOf('c3', 'p2', stayThenOut('municipal_housing')),
        ...caseOf('c4', 'p2', referredAgainOn('2025-04-29')),
        // p3: re-referred on day 15 (30 April): a return within 6 months.
        ...caseOf('c5', 'p3', stayThenOut('municipal_housing')),
        ...caseOf('c6', 'p3', referredAgainOn('2025-04-30')),
        // p4: re-referred on day 3, and again after 200 days: the later one is the return (6–12 months).
        ...caseOf('c7', 'p4', stayThenOut('private_rental')),
        ...caseOf('c8', 'p4', referredAgainOn('2025-04-18')),
        ...caseOf('c9', 'p4', referredAgainOn('2025-11-01'), 'f2'),
      ]),
    );
    const { readModels, clock } = queryHarness(spec, '2027-06-01');
    const report = await new GetReturnsReportHandler(readModels, clock).execute(
      new GetReturnsReportQuery({ actor: auditor, facilityId: 'f1', from: '2025-01-01', to: '2025-12-31' }),
    );
    expect(report.exitsToPermanent).toBe(4);
    expect(report.windows.map((w) => [w.days, w.returned, w.returnedInBand])).toEqual([
      [180, 1, 1],
      [365, 2, 1],
      [730, 2, 0],
    ]);
    expect(report.reEnteredWithinGraceOnly).toBe(2);
  });

  it('counts a person’s first exit to a permanent destination, also after an earlier exit to a shelter (HUD SPM 2)', async () => {
    const spec = projectionSpec(returnsProjection);
    spec.given(
      ...feed(spec, [
        // p1 leaves for a shelter in April, comes back, and leaves for a private rental in September; referred again in December.
        ...caseOf('c1', 'p1', stayThenOut('shelter_or_guesthouse')),
        ...caseOf('c2', 'p1', [...paths.resident(), cmd.moveOut({ on: '2025-09-01', destination: 'private_rental' })]),
        ...caseOf('c3', 'p1', referredAgainOn('2025-12-01'), 'f2'),
      ]),
    );
    const { readModels, clock } = queryHarness(spec, '2027-06-01');
    const report = await new GetReturnsReportHandler(readModels, clock).execute(
      new GetReturnsReportQuery({ actor: auditor, facilityId: 'f1', from: '2025-01-01', to: '2025-12-31' }),
    );
    expect(report.exitsToPermanent).toBe(1);
    expect(report.byDestination).toEqual({ private_rental: 1 });
    expect(report.windows[0]).toMatchObject({ days: 180, returned: 1 });
  });
});
