import { CaseCommand, CaseEvent } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { Actor } from '../../platform/auth/actor';
import { AccessDenied } from '../../platform/errors/command-errors';
import { agreementWatchProjection } from './agreement-watch.projection';
import { GetAgreementWatchHandler, GetAgreementWatchQuery } from './agreement-watch.query';
import { queryHarness } from '../shared/query-harness';
import { withPeople } from '../cases/with-people';

/** Real events: decided by the case decider from fixture commands, so they cannot drift from the domain. */
const feed = (spec: ReturnType<typeof projectionSpec>, events: CaseEvent[]) =>
  events.map((e) => spec.event(e.type, e.data, { stream: `case-${e.data.caseId}` }));
const onCase = (caseId: string, commands: CaseCommand[]) => commands.map((c) => ({ ...c, caseId }) as CaseCommand);

const temporary = { kind: 'temporary_agreement' as const, startsOn: '2025-02-01', endsOn: '2025-04-30' };

describe('agreement watch projection', () => {
  it('records the agreement signed at move-in, with its limit, and the accepted offer', () => {
    const spec = projectionSpec(agreementWatchProjection);
    spec.given(...feed(spec, historyOf(...paths.offerAccepted(), cmd.moveIn({ agreement: temporary, unit: { kind: 'temporary' }, facilityMaxStayDays: 90 }))));
    expect(spec.rows('agreement_watch_agreements')).toEqual([
      {
        case_id: 'c1',
        person_id: 'p1',
        facility_id: 'f1',
        unit_id: 'u1',
        move_in_id: 'mi1',
        moved_in_on: '2025-02-01',
        kind: 'temporary_agreement',
        starts_on: '2025-02-01',
        ends_on: '2025-04-30',
        // 3 months from 1 February is 1 May, and 90 days is 2 May: the shorter applies.
        agreement_limit: '2025-05-01',
        justified: 0,
        converted_on: null,
        moved_out_on: null,
      },
    ]);
    expect(spec.rows('agreement_watch_offers')).toEqual([
      expect.objectContaining({
        case_id: 'c1',
        offer_id: 'o1',
        unit_id: 'u1',
        offered_on: '2025-01-20',
        expires_on: '2025-01-27',
        offer_number: 1,
        status: 'accepted',
        answered_on: '2025-01-21',
      }),
    ]);
  });

  it('moves the end on an extension (past the limit only with a written justification) and keeps each change as a fact', () => {
    const spec = projectionSpec(agreementWatchProjection);
    const events = historyOf(
      ...paths.offerAccepted(),
      cmd.moveIn({ agreement: temporary, unit: { kind: 'temporary' }, facilityMaxStayDays: 90 }),
      cmd.extend('2025-05-01', { on: '2025-04-20' }),
      cmd.extend('2025-06-30', { on: '2025-04-28', extensionJustification: 'A municipal flat is ready on 30 June' }),
    );
    spec.given(...feed(spec, events));
    expect(spec.rows('agreement_watch_agreements')).toEqual([expect.objectContaining({ ends_on: '2025-06-30', agreement_limit: '2025-05-01', justified: 1 })]);
    expect(spec.rows('agreement_watch_changes', 'commit_position')).toEqual([
      expect.objectContaining({ case_id: 'c1', change: 'extended', changed_on: '2025-04-20', ends_on: '2025-05-01', justified: 0 }),
      expect.objectContaining({ case_id: 'c1', change: 'extended', changed_on: '2025-04-28', ends_on: '2025-06-30', justified: 1 }),
    ]);
  });

  it('turns a service agreement into a lease without a limit, follows transfers and ends at move-out', () => {
    const spec = projectionSpec(agreementWatchProjection);
    spec.given(
      ...feed(spec, historyOf(...paths.resident(), cmd.transfer({ on: '2025-03-15' }), cmd.convert({ on: '2025-07-01' }), cmd.moveOut({ on: '2025-09-01' }))),
    );
    expect(spec.rows('agreement_watch_agreements')).toEqual([
      expect.objectContaining({
        kind: 'lease',
        starts_on: '2025-08-01',
        ends_on: null,
        agreement_limit: null,
        converted_on: '2025-07-01',
        unit_id: 'u2',
        moved_out_on: '2025-09-01',
      }),
    ]);
    expect(spec.rows('agreement_watch_changes')).toEqual([expect.objectContaining({ change: 'converted_to_lease', kind: 'lease' })]);
  });

  it('records declined and expired offers with the day of the answer', () => {
    const spec = projectionSpec(agreementWatchProjection);
    const declined = onCase('c1', [...paths.offered(), cmd.decline({ on: '2025-01-22' })]);
    const expired = onCase('c2', [...paths.offered(), cmd.expire({ on: '2025-01-28' })]);
    const open = onCase('c3', paths.offered());
    spec.given(...feed(spec, [...historyOf(...declined), ...historyOf(...expired), ...historyOf(...open)]));
    expect(spec.rows('agreement_watch_offers', 'case_id').map((r) => [r.case_id, r.status, r.answered_on])).toEqual([
      ['c1', 'declined', '2025-01-22'],
      ['c2', 'expired', '2025-01-28'],
      ['c3', 'open', null],
    ]);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(agreementWatchProjection);
    const events = feed(spec, [
      ...historyOf(
        ...paths.offerAccepted(),
        cmd.moveIn({ agreement: temporary, unit: { kind: 'temporary' }, facilityMaxStayDays: 90 }),
        cmd.extend('2025-06-30', { on: '2025-04-28', extensionJustification: 'Waiting for a flat' }),
        cmd.moveOut({ on: '2025-06-30' }),
      ),
      ...historyOf(...onCase('c2', [...paths.resident(), cmd.transfer(), cmd.convert()])),
      ...historyOf(...onCase('c3', [...paths.offered(), cmd.expire()])),
    ]);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.agreement_watch_agreements).toHaveLength(2);
    expect(once.agreement_watch_changes).toHaveLength(2);
    expect(once.agreement_watch_offers).toHaveLength(3);
  });
});

describe('agreement watch query', () => {
  const supervisor: Actor = { userId: 's', username: 's', grants: [{ role: 'supervisor', facilityIds: ['f1'] }] };
  const moveIn = cmd.moveIn({ agreement: temporary, unit: { kind: 'temporary' }, facilityMaxStayDays: 90 });

  async function watch(events: CaseEvent[], today: string, over: { facilityId?: string; withinDays?: number; actor?: Actor } = {}) {
    const spec = projectionSpec(agreementWatchProjection);
    spec.given(...feed(spec, events));
    const { readModels, clock } = queryHarness(withPeople(spec, { p1: { givenName: 'Kari', familyName: 'Nordmann' } }), today);
    const handler = new GetAgreementWatchHandler(readModels, clock);
    return handler.execute(new GetAgreementWatchQuery({ actor: over.actor ?? supervisor, facilityId: over.facilityId, withinDays: over.withinDays ?? 30 }));
  }

  it('lists an agreement ending within the window, then past its end and past its limit once the resident stays on', async () => {
    const events = historyOf(...paths.offerAccepted(), moveIn);
    const soon = await watch(events, '2025-04-10');
    expect(soon.endingSoon).toEqual([
      expect.objectContaining({
        caseId: 'c1',
        name: { givenName: 'Kari', familyName: 'Nordmann' },
        endsOn: '2025-04-30',
        limit: '2025-05-01',
        daysToEnd: 20,
        nightsSoFar: 68,
      }),
    ]);
    expect(soon.pastEnd).toEqual([]);
    expect((await watch(events, '2025-04-10', { withinDays: 10 })).endingSoon).toEqual([]);

    const late = await watch(events, '2025-05-05');
    expect(late.endingSoon).toEqual([]);
    expect(late.pastEnd).toEqual([expect.objectContaining({ caseId: 'c1', daysToEnd: -5 })]);
    expect(late.pastLimit).toEqual([expect.objectContaining({ caseId: 'c1', daysPastLimit: 4, endsAfterLimit: false, justified: false })]);
  });

  it('flags an agreement extended beyond its limit with a justification, and forgets residents who moved out', async () => {
    const extended = historyOf(...paths.offerAccepted(), moveIn, cmd.extend('2025-06-30', { on: '2025-04-28', extensionJustification: 'Flat ready 30 June' }));
    const result = await watch(extended, '2025-04-29');
    expect(result.extendedBeyondLimit).toEqual([
      expect.objectContaining({ endsOn: '2025-06-30', endsAfterLimit: true, justified: true, extensions: 1, daysPastLimit: -2 }),
    ]);
    expect(result.endingSoon).toEqual([]);
    const gone = await watch(historyOf(...paths.offerAccepted(), moveIn, cmd.moveOut({ on: '2025-04-20' })), '2025-05-05');
    expect([...gone.endingSoon, ...gone.pastEnd, ...gone.pastLimit, ...gone.extendedBeyondLimit]).toEqual([]);
  });

  /**
   * Issue 15: "past the longest allowed stay … 17 days left". The list of those past the limit also held
   * agreements merely extended beyond it, whose limit was still ahead, so its days counted down to a
   * limit said to be passed. Past the limit now means today is after it, on the limit's day and after.
   */
  it('counts a resident past the limit only once the limit has passed, whatever the end of the agreement', async () => {
    const extended = historyOf(...paths.offerAccepted(), moveIn, cmd.extend('2025-06-30', { on: '2025-04-28', extensionJustification: 'Flat ready 30 June' }));
    const onTheLimit = await watch(extended, '2025-05-01');
    expect(onTheLimit.pastLimit).toEqual([]);
    expect(onTheLimit.extendedBeyondLimit).toEqual([expect.objectContaining({ limit: '2025-05-01', daysPastLimit: 0 })]);
    const after = await watch(extended, '2025-06-13');
    expect(after.extendedBeyondLimit).toEqual([]);
    expect(after.pastLimit).toEqual([expect.objectContaining({ limit: '2025-05-01', endsOn: '2025-06-30', daysPastLimit: 43, daysToEnd: 17 })]);
    for (const row of [...after.pastLimit, ...(await watch(extended, '2025-05-02')).pastLimit]) expect(row.daysPastLimit).toBeGreaterThan(0);
  });

  it('lists offers past their last day without an answer, and offers recorded as expired lately', async () => {
    const events = [...historyOf(...paths.offered()), ...historyOf(...onCase('c2', [...paths.offered(), cmd.expire({ on: '2025-01-28' })]))];
    const result = await watch(events, '2025-02-01');
    expect(result.offers.pastExpiryUnanswered).toEqual([expect.objectContaining({ caseId: 'c1', expiresOn: '2025-01-27', daysPastExpiry: 5, status: 'open' })]);
    expect(result.offers.recentlyExpired).toEqual([expect.objectContaining({ caseId: 'c2', answeredOn: '2025-01-28' })]);
    expect((await watch(events, '2025-01-25')).offers.expiringSoon).toEqual([expect.objectContaining({ caseId: 'c1', daysPastExpiry: -2 })]);
  });

  it("refuses a facility outside the caller's scope and shows nothing of it otherwise", async () => {
    const events = historyOf(...paths.offerAccepted(), moveIn);
    await expect(watch(events, '2025-04-10', { facilityId: 'f2' })).rejects.toThrow(AccessDenied);
    const other: Actor = { userId: 'o', username: 'o', grants: [{ role: 'supervisor', facilityIds: ['f2'] }] };
    expect((await watch(events, '2025-04-10', { actor: other })).endingSoon).toEqual([]);
    const auditor: Actor = { userId: 'a', username: 'a', grants: [{ role: 'auditor', facilityIds: [] }] };
    expect((await watch(events, '2025-04-10', { actor: auditor })).endingSoon).toHaveLength(1);
  });
});
