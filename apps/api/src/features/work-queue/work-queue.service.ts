import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { addMonths, ConsentEntry, consentOn, daysBetween, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { calendarDateIn, Clock } from '../../platform/clock';
import { ReadModels } from '../../read-models/read-models.service';
import { CASES } from '../../read-models/cases/cases.projection';
import { personNames } from '../../read-models/cases/person-names';
import { JOURNAL } from '../../read-models/journal/journal.projection';
import { GetObligationsQuery } from '../../read-models/obligations/obligations.query';
import { GetAgreementWatchQuery } from '../../read-models/agreement-watch/agreement-watch.query';
import { SearchLateEntriesQuery } from '../../read-models/audit-log/audit-log.query';
import { ReadScope, readScope, scopeSql } from '../../read-models/shared/read-scope';
import { WORK_ITEM_KINDS, WorkItem, WorkItemKind, WorkQueue } from './work-queue';

/** How far ahead the case worker's queue looks for deadlines ("this week"). */
const WEEK = 7;
/** Late entries stay in the inbox for the days after they were recorded. */
const LATE_ENTRY_REVIEW_DAYS = 14;
export const DEFAULT_CONTACT_DAYS = 14;

/** Statuses of a case still being worked (a moved-out case only while its follow-up runs). */
const RUNNING = ['referred', 'in_assessment', 'mapping', 'accepted', 'waitlisted', 'offered', 'offer_accepted', 'resident', 'ambulant'] as const;
/** Statuses in which a referral waits for the formal decision after the assessment team's outcome. */
const AWAITING_DECISION = ['accepted', 'waitlisted', 'refused'] as const;
/** Statuses in which a referral has no formal answer yet (fvl § 11 a asks for a preliminary reply after a month). */
const UNANSWERED = ['referred', 'in_assessment', 'mapping', ...AWAITING_DECISION] as const;

type Found = Pick<WorkItem, 'caseId' | 'personId' | 'facilityId' | 'on'>;

/**
 * The work queues, derived from the read models at query time against the municipal today: nothing
 * is stored, so an item leaves its queue as soon as the event that clears it is projected. Each part
 * is scoped by the action that clears it (a case worker sees no decisions to make).
 */
@Injectable()
export class WorkQueueService {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async queue(actor: Actor, options: { facilityId?: string; contactDays?: number; minPosition?: string }): Promise<WorkQueue> {
    const today = this.clock.today();
    const contactDays = options.contactDays ?? DEFAULT_CONTACT_DAYS;
    const only = (scope: ReadScope): ReadScope => {
      if (!options.facilityId) return scope;
      return scope === 'everywhere' || scope.includes(options.facilityId) ? [options.facilityId] : [];
    };
    const scopes = {
      decision: only(readScope(actor, 'case.decision')),
      appeal: only(readScope(actor, 'case.appeal_review')),
      exclusion: only(readScope(actor, 'case.exclusion')),
      late: only(readScope(actor, 'read.late_entries')),
      worker: only(readScope(actor, 'case.command')),
    };
    await this.readModels.ready([CASES, JOURNAL], options.minPosition);
    const filter = { actor, facilityId: options.facilityId, minPosition: options.minPosition };
    const [obligations, watch, late] = await Promise.all([
      this.queries.execute(new GetObligationsQuery(filter)),
      this.queries.execute(new GetAgreementWatchQuery({ ...filter, withinDays: WEEK })),
      this.lateEntries(scopes.late),
    ]);
    const within = (scope: ReadScope) => (r: { facilityId: string }) => scope === 'everywhere' || scope.includes(r.facilityId);
    const found: Array<[WorkItemKind, Found]> = [
      ...this.unanswered(scopes.decision).flatMap((r): Array<[WorkItemKind, Found]> => {
        const waiting: Array<[WorkItemKind, Found]> = [];
        if ((AWAITING_DECISION as readonly string[]).includes(r.status)) waiting.push(['decision_awaited', r]);
        if (r.on <= addMonths(today, -1)) waiting.push(['preliminary_reply_due', r]);
        return waiting;
      }),
      ...obligations.appeals.awaitingReview.filter(within(scopes.appeal)).map((a): [WorkItemKind, Found] => ['appeal_review', { ...a, on: a.receivedOn }]),
      ...obligations.appeals.awaitingForwarding
        .filter(within(scopes.appeal))
        .map((a): [WorkItemKind, Found] => ['appeal_forwarding', { ...a, on: a.reviewedOn ?? a.receivedOn }]),
      ...obligations.exclusionsAwaitingAlternative
        .filter(within(scopes.exclusion))
        .map((x): [WorkItemKind, Found] => ['exclusion_alternative', { ...x, on: x.decidedOn }]),
      ...late.map((r): [WorkItemKind, Found] => ['late_entry', r]),
      ...watch.offers.pastExpiryUnanswered.filter(within(scopes.worker)).map((o): [WorkItemKind, Found] => ['offer_past_expiry', { ...o, on: o.expiresOn }]),
      ...watch.offers.expiringSoon.filter(within(scopes.worker)).map((o): [WorkItemKind, Found] => ['offer_expiring', { ...o, on: o.expiresOn }]),
      ...watch.pastEnd.filter(within(scopes.worker)).map((a): [WorkItemKind, Found] => ['agreement_past_end', { ...a, on: a.endsOn! }]),
      ...watch.pastLimit.filter(within(scopes.worker)).map((a): [WorkItemKind, Found] => ['agreement_past_limit', { ...a, on: a.limit ?? a.endsOn! }]),
      ...watch.endingSoon.filter(within(scopes.worker)).map((a): [WorkItemKind, Found] => ['agreement_ending', { ...a, on: a.endsOn! }]),
      ...this.contactOverdue(scopes.worker, today, contactDays).map((r): [WorkItemKind, Found] => ['contact_overdue', r]),
      ...this.consents(scopes.worker, today),
      ...obligations.appealDeadlinesRunning
        .filter(within(scopes.worker))
        .filter((d) => daysBetween(today, d.deadline) <= WEEK)
        .map((d): [WorkItemKind, Found] => ['appeal_deadline', { ...d, on: d.deadline }]),
    ];
    const names = personNames(
      this.readModels,
      found.map(([, f]) => f.personId),
    );
    const items = found.map(([kind, f]) => ({
      kind,
      queue: WORK_ITEM_KINDS[kind].queue,
      caseId: f.caseId,
      personId: f.personId,
      name: names.get(f.personId) ?? null,
      facilityId: f.facilityId,
      on: f.on,
      deadline: WORK_ITEM_KINDS[kind].deadline,
      days: f.on ? (WORK_ITEM_KINDS[kind].deadline ? daysBetween(today, f.on) : Math.max(0, daysBetween(f.on, today))) : null,
      command: WORK_ITEM_KINDS[kind].command,
    }));
    // Most pressing first: deadlines soonest (passed ones first), then what has waited longest.
    items.sort((a, b) => urgency(a) - urgency(b) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    return {
      today,
      contactDays,
      items,
      counts: { lead: items.filter((i) => i.queue === 'lead').length, worker: items.filter((i) => i.queue === 'worker').length },
    };
  }

  /** Referrals without a formal answer, each with the day it was referred. */
  private unanswered(scope: ReadScope): Array<Found & { status: string }> {
    const where = scopeSql('facility_id', scope);
    return (
      this.readModels
        .statement(
          `SELECT case_id, person_id, facility_id, status, referred_on FROM ${this.readModels.table(CASES, 'cases_case')}
           WHERE status IN (${UNANSWERED.map(() => '?').join(', ')}) AND has_grant = 0 AND refusal_decision_id IS NULL AND ${where.sql}`,
        )
        .all(...UNANSWERED, ...where.params) as Array<{ case_id: string; person_id: string; facility_id: string; status: string; referred_on: string }>
    ).map((r) => ({ caseId: r.case_id, personId: r.person_id, facilityId: r.facility_id, status: r.status, on: r.referred_on }));
  }

  /**
   * Followed cases (ambulant, or moved out within an agreed follow-up) whose latest contact is more than
   * `contactDays` ago, or that have none: `on` is the latest contact's day, or the day the case was referred.
   */
  private contactOverdue(scope: ReadScope, today: IsoDate, contactDays: number): Found[] {
    const where = scopeSql('c.facility_id', scope);
    const contacts = this.readModels.table(JOURNAL, 'journal_contacts');
    const rows = this.readModels
      .statement(
        `SELECT c.case_id, c.person_id, c.facility_id, c.referred_on, (SELECT MAX(k.on_date) FROM ${contacts} k WHERE k.case_id = c.case_id) AS last_on
         FROM ${this.readModels.table(CASES, 'cases_case')} c
         WHERE (c.status = 'ambulant' OR (c.status = 'moved_out' AND c.follow_up_ends_on >= ?)) AND ${where.sql}`,
      )
      .all(today, ...where.params) as Array<{ case_id: string; person_id: string; facility_id: string; referred_on: string; last_on: string | null }>;
    return rows
      .filter((r) => r.last_on === null || daysBetween(r.last_on, today) > contactDays)
      .map((r) => ({ caseId: r.case_id, personId: r.person_id, facilityId: r.facility_id, on: r.last_on ?? r.referred_on }));
  }

  /**
   * Running cases whose consent was withdrawn or has run out (on `on`, since when), or runs out within the
   * week (`on` its last day): what may be shared with others needs a consent in force.
   */
  private consents(scope: ReadScope, today: IsoDate): Array<[WorkItemKind, Found]> {
    const where = scopeSql('c.facility_id', scope);
    const rows = this.readModels
      .statement(
        `SELECT c.case_id, c.person_id, c.facility_id, k.on_date, k.kind, k.expires_on
         FROM ${this.readModels.table(CASES, 'cases_case')} c JOIN ${this.readModels.table(CASES, 'cases_consents')} k ON k.case_id = c.case_id
         WHERE (c.status IN (${RUNNING.map(() => '?').join(', ')}) OR (c.status = 'moved_out' AND c.follow_up_ends_on >= ?)) AND ${where.sql}`,
      )
      .all(...RUNNING, today, ...where.params) as Array<{
      case_id: string;
      person_id: string;
      facility_id: string;
      on_date: string;
      kind: 'given' | 'withdrawn';
      expires_on: string | null;
    }>;
    const byCase = new Map<string, { found: Found; entries: ConsentEntry[] }>();
    for (const r of rows) {
      const entry: ConsentEntry =
        r.kind === 'withdrawn' ? { kind: 'withdrawn', on: r.on_date } : { kind: 'given', on: r.on_date, recipients: [], expiresOn: r.expires_on ?? undefined };
      const known = byCase.get(r.case_id) ?? { found: { caseId: r.case_id, personId: r.person_id, facilityId: r.facility_id, on: today }, entries: [] };
      known.entries.push(entry);
      byCase.set(r.case_id, known);
    }
    return [...byCase.values()].flatMap(({ found, entries }): Array<[WorkItemKind, Found]> => {
      const standing = consentOn(entries, today);
      if (standing.status === 'withdrawn') return [['consent_withdrawn', { ...found, on: standing.since }]];
      if (standing.status === 'expired') return [['consent_expired', { ...found, on: standing.since }]];
      if (standing.status === 'in_force' && standing.expiresOn && daysBetween(today, standing.expiresOn) <= WEEK) {
        return [['consent_expiring', { ...found, on: standing.expiresOn }]];
      }
      return [];
    });
  }

  /** Case events recorded late in the last days, one item per case (the latest), for the team lead to look at. */
  private async lateEntries(scope: ReadScope): Promise<Found[]> {
    if (scope !== 'everywhere' && scope.length === 0) return [];
    const from = new Date(this.clock.now().getTime() - LATE_ENTRY_REVIEW_DAYS * 86_400_000).toISOString();
    const { entries } = await this.queries.execute(new SearchLateEntriesQuery({ scope, from, limit: 200 }));
    const caseIds = [...new Set(entries.filter((e) => e.stream.startsWith('case-')).map((e) => e.stream.slice('case-'.length)))];
    if (caseIds.length === 0) return [];
    const rows = this.readModels
      .statement(`SELECT case_id, person_id, facility_id FROM ${this.readModels.table(CASES, 'cases_case')} WHERE case_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(caseIds)) as Array<{ case_id: string; person_id: string; facility_id: string }>;
    const recorded = new Map<string, string>();
    for (const e of entries) if (!recorded.has(e.stream)) recorded.set(e.stream, e.recordedAt);
    return rows.map((r) => ({
      caseId: r.case_id,
      personId: r.person_id,
      facilityId: r.facility_id,
      on: calendarDateIn(new Date(recorded.get(`case-${r.case_id}`)!), this.clock.timeZone),
    }));
  }
}

/** Deadlines by days left; waiting items as if due the day they began to wait plus a week. */
function urgency(item: WorkItem): number {
  if (item.days === null) return 0;
  return item.deadline ? item.days : WEEK - item.days;
}
