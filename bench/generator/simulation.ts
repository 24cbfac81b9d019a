import { createHmac } from 'node:crypto';
import {
  agreementLimit,
  BROSET_ITEMS,
  AgreementKind,
  AssessmentOutcome,
  CaseCommand,
  caseDecider,
  CaseEvent,
  CaseState,
  caseStream,
  Destination,
  destinationCategory,
  ExclusionReason,
  FacilityKind,
  facilityDecider,
  facilityStream,
  Gender,
  identityClaimDecider,
  identityClaimStream,
  IncidentKind,
  LeaseTerms,
  LegalBasis,
  personDecider,
  personStream,
  ReferralSource,
  Role,
  SETUP_STREAM,
  setupDecider,
  Severity,
  synthesizeIdentityNumber,
  TargetGroupRules,
  unitDecider,
  unitFollowUps,
  UnitKind,
  unitStream,
  userDecider,
  userStream,
  usernameClaimDecider,
  usernameClaimStream,
  addMonths,
  ReferralClaimState,
  referralClaimDecider,
  referralClaimStream,
  referralEnded,
  WithoutToday,
} from '@app/domain';
import { CaseScript, DecisionText, drawGender, FAMILY_NAMES, firstNamesOf, ScenarioStep, ScriptFacility } from '@app/domain/scenarios';
import { Ctx, GeneratorBug, Recorder } from './recorder';
import { Calendar, Rng } from './random';
import * as T from './texts';
import { actionFor, Actor, SYSTEM_ACTOR } from '../product/recording';

/**
 * A discrete-event simulation of the municipalities' housing offers, day by day from Bolig Nu's
 * opening (5 May 2014): facilities shaped after the five seed texts, referrals arriving as Poisson
 * processes, the assessment team, formal decisions and appeals, waiting lists served as units fall
 * free, offers accepted, declined or expiring, stays with incidents, warnings, risk assessments,
 * absences, plans, agreement extensions and conversions, exclusions with their obligation, move-outs
 * to destinations in the seeds' proportions, follow-up, ambulant follow-up, closing, and people who
 * come back. Every command goes through the domain's deciders (Recorder), so the story must obey every
 * rule; the log is appended in date order, as the municipality would have recorded it.
 */
export const START_DATE = '2014-05-05';
/** Calibrated so the last generated day lands around 2025-26 whatever the size (see facilitiesFor). */
export const EVENTS_PER_FACILITY = 7_000;

export function facilitiesFor(events: number): number {
  return Math.max(5, Math.ceil(events / EVENTS_PER_FACILITY));
}

type TemplateKey = 'staffed_24_7' | 'rop_cluster' | 'cluster_with_assessment' | 'temporary' | 'housing_first';
type AgreementPlan = 'service' | 'care_lease' | 'lease' | 'temporary';

interface Template {
  readonly key: TemplateKey;
  readonly kind: FacilityKind;
  readonly name: string;
  readonly units: number;
  readonly assessmentUnits: number;
  readonly unitKind: UnitKind;
  readonly targetGroup: TargetGroupRules;
  readonly maxStayDays?: number;
  readonly exclusionReasons: readonly ExclusionReason[];
  readonly legalBasis: LegalBasis;
  /** Mean days between referrals. */
  readonly referralEveryDays: number;
  readonly agreement: Readonly<Partial<Record<AgreementPlan, number>>>;
  /** Mean stay in days (temporary housing: capped by the agreement and its extensions). */
  readonly stayMeanDays: number;
  /** Activities per resident per month (incidents, plans, risk, absences ...). */
  readonly activityPerMonth: number;
  readonly incidentShare: number;
  readonly ambulant: number;
}

const noScreening: TargetGroupRules = { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false };

/** The five offers of the seed texts, as templates. */
const TEMPLATES: readonly Template[] = [
  {
    key: 'staffed_24_7',
    kind: 'staffed_24_7',
    name: 'Heldøgns bofellesskap',
    units: 16,
    assessmentUnits: 0,
    unitKind: 'permanent',
    targetGroup: noScreening,
    exclusionReasons: ['violence_or_threats', 'not_using_offer'],
    legalBasis: 'hotl_3_2',
    referralEveryDays: 20,
    agreement: { service: 0.5, care_lease: 0.5 },
    stayMeanDays: 900,
    activityPerMonth: 2.4,
    incidentShare: 0.45,
    ambulant: 0.05,
  },
  {
    key: 'rop_cluster',
    kind: 'staffed_cluster',
    name: 'ROP-boligen',
    units: 10,
    assessmentUnits: 0,
    unitKind: 'permanent',
    targetGroup: { ...noScreening, requiresCoOccurringDisorder: true },
    exclusionReasons: ['violence_or_threats', 'repeated_house_rule_breaches'],
    legalBasis: 'hotl_3_2',
    referralEveryDays: 28,
    agreement: { service: 0.5, care_lease: 0.5 },
    stayMeanDays: 800,
    activityPerMonth: 1.8,
    incidentShare: 0.4,
    ambulant: 0.05,
  },
  {
    key: 'cluster_with_assessment',
    kind: 'staffed_cluster',
    name: 'Bofellesskap med utredningsleiligheter',
    units: 12,
    assessmentUnits: 3,
    unitKind: 'permanent',
    targetGroup: noScreening,
    exclusionReasons: ['repeated_house_rule_breaches', 'violence_or_threats', 'not_using_offer'],
    legalBasis: 'hotl_3_2',
    referralEveryDays: 18,
    agreement: { service: 1 },
    stayMeanDays: 700,
    activityPerMonth: 1.6,
    incidentShare: 0.35,
    ambulant: 0.15,
  },
  {
    key: 'temporary',
    kind: 'temporary_housing',
    name: 'Midlertidig bolig',
    units: 8,
    assessmentUnits: 0,
    unitKind: 'temporary',
    targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
    maxStayDays: 90,
    exclusionReasons: [
      'extensive_substance_use',
      'extensive_psychiatric_illness',
      'violence_or_threats',
      'not_using_offer',
      'repeated_house_rule_breaches',
      'follow_up_agreement_not_signed_or_breached',
    ],
    legalBasis: 'sotjl_27',
    referralEveryDays: 3.2,
    agreement: { temporary: 1 },
    stayMeanDays: 41,
    activityPerMonth: 2.0,
    incidentShare: 0.45,
    ambulant: 0,
  },
  {
    key: 'housing_first',
    kind: 'scattered_site',
    name: 'Housing First',
    units: 10,
    assessmentUnits: 0,
    unitKind: 'permanent',
    targetGroup: noScreening,
    exclusionReasons: ['violence_or_threats'],
    legalBasis: 'boligsosial_lov_6',
    referralEveryDays: 30,
    agreement: { lease: 1 },
    stayMeanDays: 1400,
    activityPerMonth: 1.0,
    incidentShare: 0.25,
    ambulant: 0.2,
  },
];

interface UnitSim {
  readonly unitId: string;
  readonly label: string;
  readonly kind: UnitKind;
  /** The case that holds the place (reserved by an offer, lived in, or used for mapping). */
  holder?: CaseAgent;
}

interface FacilitySim {
  readonly facilityId: string;
  readonly template: Template;
  readonly name: string;
  readonly municipality: string;
  readonly openDay: number;
  readonly units: UnitSim[];
  readonly caseWorkers: Actor[];
  readonly teamLead: Actor;
  readonly team: string[];
  readonly decidedBy: string;
  readonly queue: CaseAgent[];
  /** The facility as the case scripts know it. */
  readonly script: ScriptFacility;
}

interface PersonSim {
  readonly personId: string;
  readonly birthDate: string;
  readonly gender: Gender;
  registered: boolean;
  readonly identityNumber?: string;
  readonly givenName: string;
  readonly familyName: string;
}

export interface SimulationSummary {
  facilities: Array<{ facilityId: string; name: string; template: string; units: number }>;
  cases: number;
  people: number;
  users: number;
  firstDay: string;
  lastDay: string;
  /** Cases by id with the number of events on their stream, for choosing query targets. */
  sampleCases: Array<{ caseId: string; personId: string; facilityId: string; events: number }>;
  longestCases: Array<{ caseId: string; personId: string; facilityId: string; events: number }>;
  /** People with the number of case events across their cases (what their timeline holds, roughly). */
  samplePeople: Array<{ personId: string; events: number }>;
  busiestPeople: Array<{ personId: string; events: number }>;
  supervisor: { userId: string; facilityIds: string[] };
}

type Step = () => void;

/** A binary min-heap of steps by (day, insertion order): the simulation's agenda. */
class Agenda {
  private days: number[] = [];
  private seqs: number[] = [];
  private steps: Step[] = [];
  private seq = 0;

  get size(): number {
    return this.steps.length;
  }

  add(day: number, step: Step): void {
    this.days.push(day);
    this.seqs.push(this.seq++);
    this.steps.push(step);
    let i = this.steps.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { day: number; step: Step } | undefined {
    const n = this.steps.length;
    if (n === 0) return undefined;
    const top = { day: this.days[0], step: this.steps[0] };
    const lastDay = this.days.pop()!;
    const lastSeq = this.seqs.pop()!;
    const lastStep = this.steps.pop()!;
    if (n > 1) {
      this.days[0] = lastDay;
      this.seqs[0] = lastSeq;
      this.steps[0] = lastStep;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n - 1 && this.less(l, m)) m = l;
        if (r < n - 1 && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.days[a] < this.days[b] || (this.days[a] === this.days[b] && this.seqs[a] < this.seqs[b]);
  }

  private swap(a: number, b: number): void {
    [this.days[a], this.days[b]] = [this.days[b], this.days[a]];
    [this.seqs[a], this.seqs[b]] = [this.seqs[b], this.seqs[a]];
    [this.steps[a], this.steps[b]] = [this.steps[b], this.steps[a]];
  }
}

/** A formal decision's texts; the person is told the day it is decided (a later day would be a future fact). */
const decisionText = (facts: string, considerations: string): DecisionText => ({ facts, considerations, notifiedAfterDays: 0 });

const bug = (what: string): never => {
  throw new GeneratorBug(`The case script did not write ${what}`);
};

const CLAIM_SECRET = 'bench-generator-claim-key-0123456789abcdef';
const claimKey = (value: string) => createHmac('sha256', CLAIM_SECRET).update(value, 'utf8').digest('hex').slice(0, 40);
const FAKE_PASSWORD_HASH = 'scrypt$N=16384,r=8,p=1$YmVuY2gtZ2VuZXJhdG9y$bm90LWEtcmVhbC1wYXNzd29yZC1oYXNo';

export class Simulation {
  readonly agenda = new Agenda();
  readonly facilities: FacilitySim[] = [];
  private readonly usedIdentityNumbers = new Set<string>();
  private readonly usedUsernames = new Set<string>();
  private lastInstant = 0;
  private today = 0;
  cases = 0;
  people = 0;
  users = 0;
  private admin!: Actor;
  private supervisor!: { userId: string; facilityIds: string[] };
  private readonly caseLengths: Array<{ caseId: string; personId: string; facilityId: string; events: number }> = [];

  constructor(
    readonly rng: Rng,
    readonly cal: Calendar,
    readonly rec: Recorder,
    private readonly facilityCount: number,
  ) {}

  // ───────────────────────── time, contexts, commands ─────────────────────────

  get day(): number {
    return this.today;
  }

  /** The server time of the next command: working hours of its day, strictly increasing across the log. */
  instant(day: number): string {
    const base = this.cal.ms(day) + 6 * 3_600_000;
    this.lastInstant = Math.max(this.lastInstant + this.rng.int(1_000, 40_000), base);
    return new Date(this.lastInstant).toISOString();
  }

  ctx(actor: Actor, day: number, extra: Partial<Ctx> = {}): Ctx {
    const commandId = this.rng.uuid();
    return { actor, commandId, correlationId: commandId, at: this.instant(day), ...extra };
  }

  at(day: number, step: Step): void {
    this.agenda.add(Math.max(day, this.today), step);
  }

  /** Runs the simulation until `events` are recorded (or the agenda runs dry); drains on the way. */
  async run(events: number, onProgress: (day: number) => void): Promise<void> {
    this.setUp();
    let nextProgress = 0;
    while (this.rec.events < events) {
      const next = this.agenda.pop();
      if (!next) break;
      this.today = next.day;
      next.step();
      if (this.rec.queued >= 3000) await this.rec.drain();
      if (this.rec.events >= nextProgress) {
        onProgress(this.today);
        nextProgress = this.rec.events + 25_000;
      }
    }
    await this.rec.drain();
  }

  summary(): SimulationSummary {
    for (const agent of CaseAgent.open) this.recordClosed(agent);
    const sorted = [...this.caseLengths].sort((a, b) => b.events - a.events);
    const step = Math.max(1, Math.floor(this.caseLengths.length / 1000));
    const perPerson = new Map<string, number>();
    for (const c of this.caseLengths) perPerson.set(c.personId, (perPerson.get(c.personId) ?? 0) + c.events);
    const people = [...perPerson].map(([personId, events]) => ({ personId, events }));
    const personStep = Math.max(1, Math.floor(people.length / 1000));
    return {
      facilities: this.facilities.map((f) => ({ facilityId: f.facilityId, name: f.name, template: f.template.key, units: f.units.length })),
      cases: this.cases,
      people: this.people,
      users: this.users,
      firstDay: this.cal.date(0),
      lastDay: this.cal.date(this.today),
      sampleCases: this.caseLengths.filter((_, i) => i % step === 0).slice(0, 1000),
      longestCases: sorted.slice(0, 20),
      samplePeople: people.filter((_, i) => i % personStep === 0).slice(0, 1000),
      busiestPeople: [...people].sort((a, b) => b.events - a.events).slice(0, 20),
      supervisor: this.supervisor,
    };
  }

  recordClosed(agent: CaseAgent): void {
    this.caseLengths.push({ caseId: agent.caseId, personId: agent.person.personId, facilityId: agent.facility.facilityId, events: agent.events });
  }

  // ───────────────────────── world ─────────────────────────

  private setUp(): void {
    // First-run setup: the administrator, as SetupService.createAdministrator does it.
    const adminId = this.rng.uuid();
    const setupCtx = this.ctx(SYSTEM_ACTOR, 0);
    this.rec.run(setupDecider, SETUP_STREAM, { type: 'StartSetup', adminUserId: adminId }, setupCtx);
    this.createUser(0, SYSTEM_ACTOR, 'admin', 'Systemadministrator', [{ role: 'admin', facilityIds: [] }], adminId, setupCtx);
    this.rec.run(setupDecider, SETUP_STREAM, { type: 'CompleteSetup', adminUserId: adminId }, { ...setupCtx, at: this.instant(0) });
    this.admin = { userId: adminId, username: 'admin', grants: [{ role: 'admin', facilityIds: [] }] };
    this.createUser(0, this.admin, 'revisor', 'Internrevisjonen', [{ role: 'auditor', facilityIds: [] }]);

    for (let i = 0; i < this.facilityCount; i++) {
      const template = TEMPLATES[i % TEMPLATES.length];
      const municipality = T.MUNICIPALITIES[Math.floor(i / TEMPLATES.length) % T.MUNICIPALITIES.length];
      const round = Math.floor(i / (TEMPLATES.length * T.MUNICIPALITIES.length));
      const openDay = i < TEMPLATES.length ? 0 : this.rng.int(0, 540);
      this.at(openDay, () => this.openFacility(template, municipality, round, openDay));
    }
    // One supervisor over the first ten facilities, once they are open.
    this.supervisor = { userId: '', facilityIds: [] };
    this.at(541, () => {
      const ids = this.facilities.slice(0, 10).map((f) => f.facilityId);
      const userId = this.createUser(541, this.admin, 'fagleder', 'Fagleder rus og psykisk helse', [{ role: 'supervisor', facilityIds: ids }]);
      this.supervisor = { userId, facilityIds: ids };
    });
  }

  private createUser(
    day: number,
    by: Actor,
    base: string,
    displayName: string,
    grants: Array<{ role: Role; facilityIds: string[] }>,
    given?: string,
    parent?: Ctx,
  ): string {
    let username = base;
    for (let n = 2; this.usedUsernames.has(username); n++) username = `${base}${n}`;
    this.usedUsernames.add(username);
    const userId = given ?? this.rng.uuid();
    const ctx = parent ? { ...parent, actor: by, at: this.instant(day) } : this.ctx(by, day);
    this.rec.run(usernameClaimDecider, usernameClaimStream(claimKey(`username:${username}`)), { type: 'ClaimUsername', username, userId }, ctx);
    const on = this.cal.date(day);
    this.rec.run(
      userDecider,
      userStream(userId),
      { type: 'CreateUser', userId, username, displayName, passwordHash: FAKE_PASSWORD_HASH, on },
      { ...ctx, at: this.instant(day) },
    );
    for (const g of grants)
      this.rec.run(
        userDecider,
        userStream(userId),
        { type: 'GrantRole', userId, role: g.role, facilityIds: g.facilityIds, requestedBy: by.userId, requestId: `grant:${g.role}` },
        { ...ctx, at: this.instant(day) },
      );
    this.users++;
    return userId;
  }

  private openFacility(template: Template, municipality: string, round: number, day: number): void {
    const facilityId = this.rng.uuid();
    const name = `${template.name} ${municipality}${round > 0 ? ` ${round + 1}` : ''}`;
    const profile = {
      name,
      kind: template.kind,
      municipality,
      targetGroup: template.targetGroup,
      ...(template.maxStayDays !== undefined && { maxStayDays: template.maxStayDays }),
      exclusionReasons: [...template.exclusionReasons],
    };
    this.rec.run(facilityDecider, facilityStream(facilityId), { type: 'RegisterFacility', facilityId, ...profile }, this.ctx(this.admin, day));
    const units: UnitSim[] = [];
    const addUnit = (label: string, kind: UnitKind) => {
      const unitId = this.rng.uuid();
      this.rec.run(unitDecider, unitStream(unitId), { type: 'AddUnit', unitId, facilityId, label, kind, capacity: 1 }, this.ctx(this.admin, day));
      units.push({ unitId, label, kind });
    };
    for (let u = 1; u <= template.units; u++) addUnit(`${template.unitKind === 'temporary' ? 'T' : 'L'}${String(u).padStart(2, '0')}`, template.unitKind);
    for (let u = 1; u <= template.assessmentUnits; u++) addUnit(`K${u}`, 'assessment');

    const slug =
      municipality
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .slice(0, 12) || 'kommune';
    const scoped = (role: Role) => [{ role, facilityIds: [facilityId] }];
    const worker = (n: number): Actor => {
      const userId = this.createUser(day, this.admin, `saksbehandler.${slug}`, `Saksbehandler ${n} ${name}`, scoped('case_worker'));
      return { userId, username: `saksbehandler.${slug}`, grants: [{ role: 'case_worker', facilityIds: [facilityId] }] };
    };
    const caseWorkers = [worker(1), worker(2)];
    const leadId = this.createUser(day, this.admin, `leder.${slug}`, `Enhetsleder ${name}`, scoped('team_lead'));
    const teamLead: Actor = { userId: leadId, username: `leder.${slug}`, grants: [{ role: 'team_lead', facilityIds: [facilityId] }] };
    const facility: FacilitySim = {
      facilityId,
      template,
      name,
      municipality,
      openDay: day,
      units,
      caseWorkers,
      teamLead,
      team: [`Enhetsleder ${name}`, 'Fagleder', `Helse- og sosialkontor ${municipality}`],
      decidedBy: `Enhetsleder ${name}`,
      queue: [],
      script: {
        facilityId,
        units,
        team: [`Enhetsleder ${name}`, 'Fagleder', `Helse- og sosialkontor ${municipality}`],
        legalBasis: template.legalBasis,
        decidedBy: `Enhetsleder ${name}`,
      },
    };
    this.facilities.push(facility);
    this.scheduleReferral(facility, day + this.rng.int(1, 10));
  }

  private scheduleReferral(facility: FacilitySim, day: number): void {
    this.at(day, () => {
      const agent = new CaseAgent(this, facility, this.newPerson(day));
      agent.refer(day);
      this.scheduleReferral(facility, day + Math.max(1, Math.round(this.rng.exp(facility.template.referralEveryDays))));
    });
  }

  newPerson(day: number): PersonSim {
    const r = this.rng;
    const gender: Gender = drawGender(r);
    const givenName = r.pick(firstNamesOf(gender));
    const familyName = r.pick(FAMILY_NAMES);
    // Ages 18-62, most in their twenties and thirties (Bolig Nu: 18-57, mean 34).
    const age = Math.min(62, 18 + Math.floor(r.exp(15)));
    const birthDay = day - age * 365 - r.int(1, 364);
    const birthDate = this.cal.date(birthDay);
    let identityNumber: string | undefined;
    if (r.chance(0.95)) {
      const kind = r.chance(0.05) ? 'd_number' : 'national_id';
      let seed = r.int(0, 900);
      for (let tries = 0; tries < 50; tries++, seed += 7) {
        const candidate = synthesizeIdentityNumber(birthDate, seed, kind);
        if (!this.usedIdentityNumbers.has(candidate)) {
          identityNumber = candidate;
          this.usedIdentityNumbers.add(candidate);
          break;
        }
      }
    }
    return { personId: r.uuid(), birthDate, gender, registered: false, identityNumber, givenName, familyName };
  }

  /** Registers a person as RegisterPersonHandler does: the identity claim first, then the person. */
  registerPerson(person: PersonSim, actor: Actor, day: number): void {
    if (person.registered) return;
    const ctx = this.ctx(actor, day);
    if (person.identityNumber) {
      const key = claimKey(`identity-number:${person.identityNumber}`);
      this.rec.run(identityClaimDecider, identityClaimStream(key), { type: 'ClaimIdentity', claimKey: key, personId: person.personId }, ctx);
    }
    const contact = this.rng.chance(0.6) ? { phone: `4${this.rng.int(1000000, 9999999)}` } : undefined;
    this.rec.run(
      personDecider,
      personStream(person.personId),
      {
        type: 'RegisterPerson',
        personId: person.personId,
        givenName: person.givenName,
        familyName: person.familyName,
        birthDate: person.birthDate,
        identityNumber: person.identityNumber,
        gender: person.gender,
        contact,
      },
      { ...ctx, at: this.instant(day) },
    );
    person.registered = true;
    this.people++;
  }

  /** Serves the waiting list: every free unit goes to the most urgent person waiting longest. */
  dispatch(facility: FacilitySim, day: number): void {
    for (const unit of facility.units) {
      if (unit.holder || unit.kind === 'assessment') continue;
      let best = -1;
      for (let i = 0; i < facility.queue.length; i++) {
        const a = facility.queue[i];
        const b = best >= 0 ? facility.queue[best] : undefined;
        if (!b || a.priority < b.priority || (a.priority === b.priority && a.queuedDay < b.queuedDay)) best = i;
      }
      if (best < 0) return;
      const [agent] = facility.queue.splice(best, 1);
      agent.inQueue = false;
      agent.offer(day, unit);
    }
  }

  freeUnit(facility: FacilitySim, kind: UnitKind): UnitSim | undefined {
    return facility.units.find((u) => !u.holder && u.kind === kind);
  }
}

/** One referral episode, from referral to closing, told step by step through the agenda. */
class CaseAgent {
  /** Cases not yet closed (for the summary). */
  static readonly open = new Set<CaseAgent>();
  readonly caseId: string;
  readonly stream: string;
  events = 0;
  inQueue = false;
  queuedDay = 0;
  priority = 3;
  private meetings = 0;
  private mappings = 0;
  private declines = 0;
  private offerUnit?: UnitSim;
  private offerDay = 0;
  private unit?: UnitSim;
  private mappingUnit?: UnitSim;
  private movedInDay = 0;
  private returnedDay = 0;
  private plannedOutDay = 0;
  private agreementPlan: AgreementPlan = 'temporary';
  private excluded = false;
  private movedOut = false;
  /** Away (an absence recorded, no return yet). */
  private away = false;
  private warnings = 0;
  private closed = false;
  private readonly s: Simulation;
  private readonly r: Rng;
  /** The case's commands, written with the scenario builder and run as they are written. */
  private readonly script: CaseScript;

  constructor(
    sim: Simulation,
    readonly facility: FacilitySim,
    readonly person: PersonSim,
  ) {
    this.s = sim;
    this.r = sim.rng;
    this.caseId = sim.rng.uuid();
    this.stream = caseStream(this.caseId);
    this.script = new CaseScript(this.caseId, person.personId, facility.script, { ids: () => sim.rng.uuid() });
  }

  private get state(): CaseState {
    return this.s.rec.stateOf<CaseState>(this.stream) ?? { status: 'none' };
  }

  private get status() {
    return this.state.status;
  }

  private worker(): Actor {
    return this.r.pick(this.facility.caseWorkers);
  }

  private date(day: number): string {
    return this.s.cal.date(day);
  }

  /** Writes the next commands on the case's script (the scenario builder) and runs them. */
  private command(day: number, write: (script: CaseScript, on: string) => void, ctxGiven?: Ctx): readonly CaseEvent[] {
    write(this.script, this.date(day));
    return this.script.drain().flatMap((step) => this.decide(day, step, ctxGiven));
  }

  /** A planned command with the facts CaseCommandService loads from other aggregates (the unit's kind, the facility's longest stay). */
  private withFacts(step: ScenarioStep): WithoutToday<CaseCommand> {
    const t = this.facility.template;
    if (step.kind === 'referral') {
      const facility = {
        facilityId: this.facility.facilityId,
        kind: t.kind,
        targetGroup: t.targetGroup,
        maxStayDays: t.maxStayDays,
        exclusionReasons: t.exclusionReasons,
      };
      return {
        type: 'RegisterReferral',
        caseId: this.caseId,
        ...step.input,
        personId: this.person.personId,
        facility,
        person: { birthDate: this.person.birthDate, gender: this.person.gender },
      };
    }
    const c = { ...step.command, caseId: this.caseId };
    const kindOf = (unitId: string) => ({ kind: this.facility.units.find((u) => u.unitId === unitId)!.kind });
    switch (c.type) {
      case 'MoveIn':
        return { ...c, unit: kindOf(c.unitId), facilityMaxStayDays: t.maxStayDays };
      case 'TransferUnit':
        return { ...c, unit: kindOf(c.toUnitId) };
      case 'StartMapping':
        return { ...c, assessmentUnit: c.assessmentUnitId ? { facilityId: this.facility.facilityId, ...kindOf(c.assessmentUnitId) } : undefined };
      default:
        return c;
    }
  }

  /**
   * Runs a case command as CaseCommandService does, then the unit commands its events imply. The
   * municipal today is the simulated day (the log is recorded in date order, as the municipality would).
   */
  private decide(day: number, step: ScenarioStep, ctxGiven?: Ctx): readonly CaseEvent[] {
    const on = step.on;
    const command = { ...this.withFacts(step), today: this.date(Math.max(day, this.s.day)) } as CaseCommand;
    const actor = actionFor(command.type) === 'case.command' ? this.worker() : this.facility.teamLead;
    const ctx = ctxGiven ?? this.s.ctx(actor, day);
    const { events, ids } = this.s.rec.run(caseDecider, this.stream, command, ctx, on);
    this.events += events.length;
    events.forEach((event, k) => {
      unitFollowUps(event).forEach((unitCommand, index) => {
        this.s.rec.run(
          unitDecider,
          unitStream(unitCommand.unitId),
          unitCommand,
          {
            actor: SYSTEM_ACTOR,
            commandId: `${ids[k]}:${index}`,
            correlationId: ctx.correlationId,
            causationId: ids[k],
            idempotencyKey: `unit-follow-up:${ids[k]}:${index}`,
            at: this.s.instant(day),
          },
          event.data.on,
        );
      });
    });
    return events;
  }

  private later(day: number, step: () => void): void {
    this.s.at(day, () => {
      if (!this.closed) step();
    });
  }

  // ───────────────────────── referral and assessment ─────────────────────────

  refer(day: number): void {
    const t = this.facility.template;
    const r = this.r;
    const source = r.weighted<ReferralSource>({
      health_and_social_office: 30,
      nav: 30,
      specialist_health_service: 20,
      correctional_service: 8,
      self: 8,
      other: 4,
    });
    const referrer = source === 'self' ? { name: 'Selvhenvist' } : { ...r.pick(T.REFERRERS), phone: `75 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}` };
    const screening = {
      familyWithChildren: r.chance(0.03),
      activeHeavySubstanceUse: r.chance(0.06),
      coOccurringDisorder: t.targetGroup.requiresCoOccurringDisorder ? r.chance(0.95) : r.chance(0.6),
    };
    const [referral] = this.script
      .refer(this.date(day), { source, referrer, screening, reason: r.pick(T.REFERRAL_REASONS), consentOn: this.date(day - r.int(0, 5)) })
      .drain();
    const command = { ...this.withFacts(referral), today: this.date(day) } as CaseCommand;
    // Outside the target group: the referrer is told at once and nothing is recorded (as the API answers 422).
    if (!caseDecider.decide(command, { status: 'none' }).ok) return;
    this.s.registerPerson(this.person, this.worker(), day);
    // One open referral of a person to a facility: the claim comes first, taken over from an ended case.
    const claimStream = referralClaimStream(this.person.personId, this.facility.facilityId);
    const claim = this.s.rec.stateOf<ReferralClaimState>(claimStream);
    const holder = claim?.status === 'claimed' ? claim.caseId : undefined;
    const holderState = holder === undefined ? undefined : this.s.rec.stateOf<CaseState>(caseStream(holder));
    if (holderState && !referralEnded(holderState)) return; // still open there: the referrer is told (422)
    const claimCommand = {
      type: 'ClaimReferral',
      personId: this.person.personId,
      facilityId: this.facility.facilityId,
      caseId: this.caseId,
      endedHolder: holder,
    } as const;
    this.s.rec.run(referralClaimDecider, claimStream, claimCommand, this.s.ctx(this.worker(), day));
    this.decide(day, referral);
    this.s.cases++;
    CaseAgent.open.add(this);
    if (r.chance(t.kind === 'staffed_24_7' ? 0.6 : 0.2)) this.later(day + r.int(0, 10), () => this.risk(this.s.day));
    this.later(day + r.int(7, 28), () => this.meeting(this.s.day));
  }

  private meeting(day: number): void {
    if (this.status !== 'referred' && this.status !== 'in_assessment') return;
    const r = this.r;
    const afterMapping = this.mappings > 0;
    const outcome: AssessmentOutcome =
      this.meetings >= 3 || afterMapping
        ? r.weighted<AssessmentOutcome>({ accepted: 60, waitlisted: 20, refused: 10, not_relevant: 10 })
        : r.weighted<AssessmentOutcome>({
            not_relevant: 8,
            needs_mapping: this.facility.template.assessmentUnits > 0 ? 20 : 10,
            accepted: 47,
            waitlisted: 22,
            refused: 10,
          });
    this.meetings++;
    const priority = outcome === 'waitlisted' ? r.int(1, 5) : undefined;
    this.command(day, (s, on) => s.meeting(on, outcome, r.pick(T.MEETING_NOTES[outcome]), priority));
    switch (outcome) {
      case 'not_relevant':
        return this.later(day + r.int(3, 20), () => this.close(this.s.day, 'Personen er informert om at tilbudet ikke er aktuelt'));
      case 'needs_mapping':
        if (r.chance(0.3)) return this.later(day + r.int(14, 35), () => this.meeting(this.s.day));
        return this.later(day + r.int(3, 14), () => this.startMapping(this.s.day));
      case 'accepted':
        return this.later(day + r.int(0, 5), () => this.grant(this.s.day));
      case 'waitlisted': {
        // Waitlisted from the meeting: the grant is issued the same day, as an offer needs it.
        this.priority = priority!;
        this.command(day, (s, on) =>
          s.grant(on, decisionText('Innenfor målgruppen; venter på ledig plass.', 'Tilbudet gir bolig med oppfølging tilpasset behovet.')),
        );
        return this.joinQueue(day);
      }
      case 'refused':
        return this.later(day + r.int(0, 5), () => this.refuse(this.s.day));
    }
  }

  private startMapping(day: number): void {
    if (this.status !== 'in_assessment') return;
    const r = this.r;
    const unit = r.chance(0.7) ? this.s.freeUnit(this.facility, 'assessment') : undefined;
    // An assessment flat is for one to three months (Melhus); mapping elsewhere is shorter.
    const length = unit ? r.int(32, 88) : r.int(14, 60);
    this.mappings++;
    if (unit) {
      unit.holder = this;
      this.mappingUnit = unit;
    }
    this.command(day, (s, on) => s.startMapping(on, this.date(day + length), unit ? { unitId: unit.unitId } : false));
    this.later(day + Math.max(1, length + r.int(-7, 7)), () => {
      if (this.status !== 'mapping') return;
      this.command(this.s.day, (s, on) => s.endMapping(on, 'Kartlegging av boferdigheter, ønsker og tjenestebehov gjennomført'));
      if (this.mappingUnit) this.mappingUnit.holder = undefined;
      this.mappingUnit = undefined;
      this.later(this.s.day + r.int(3, 14), () => this.meeting(this.s.day));
    });
  }

  private risk(day: number): void {
    const status = this.status;
    if (status === 'none' || status === 'closed' || status === 'moved_out' || status === 'withdrawn' || status === 'not_relevant' || status === 'refused')
      return;
    const r = this.r;
    const present = BROSET_ITEMS.filter(() => r.chance(0.15));
    this.command(day, (s, on) => s.risk(on, r.pick(T.ROS_SUMMARIES), present));
  }

  // ───────────────────────── decisions and appeals ─────────────────────────

  private grant(day: number): void {
    if (this.status !== 'accepted') return;
    const r = this.r;
    this.command(day, (s, on) =>
      s.grant(
        on,
        decisionText('Står uten bolig og har ikke klart å bo i ordinær bolig; innenfor målgruppen.', 'Tilbudet gir bolig med oppfølging tilpasset behovet.'),
      ),
    );
    if (r.chance(this.facility.template.ambulant)) {
      return this.later(day + r.int(3, 20), () => this.enrolAmbulant(this.s.day, () => this.close(this.s.day, 'Ambulant oppfølging er avsluttet')));
    }
    const unit = this.facility.queue.length === 0 ? this.s.freeUnit(this.facility, this.facility.template.unitKind) : undefined;
    if (unit) return this.offer(day, unit);
    this.priority = r.int(1, 5);
    this.command(day, (s, on) => s.waitlist(on, this.priority));
    this.joinQueue(day);
  }

  private refuse(day: number): void {
    if (this.status !== 'refused') return;
    const r = this.r;
    const [issued] = this.command(day, (s, on) =>
      s.refuse(on, decisionText('Behovet for heldøgns helsehjelp er større enn tilbudet kan gi.', 'Et annet tilbud i kommunen passer bedre; det er tilbudt.')),
    );
    const { decisionId, appealNotice } = (issued as Extract<CaseEvent, { type: 'DecisionIssued' }>).data;
    const deadline = this.s.cal.dayOf(appealNotice.deadline);
    const notified = day;
    if (r.chance(0.2)) {
      const received = r.chance(0.05) ? deadline + r.int(1, 10) : r.int(notified + 1, deadline);
      this.later(received, () => this.appeal(this.s.day, decisionId, 'refusal'));
    } else {
      this.later(deadline + r.int(1, 30), () => this.close(this.s.day, 'Vedtaket står; klagefristen er ute'));
    }
  }

  private appeal(day: number, decisionId: string, about: 'refusal' | 'exclusion'): void {
    const r = this.r;
    this.command(day, (s, on) => s.appeal(on, decisionId));
    this.later(day + r.int(7, 21), () => {
      const reversed = about === 'refusal' && r.chance(0.2);
      this.command(this.s.day, (s, on) =>
        s.reviewAppeal(
          on,
          reversed ? 'reversed' : 'upheld',
          reversed ? 'Enheten omgjør vedtaket' : 'Enheten fastholder vedtaket; klagen sendes Statsforvalteren',
        ),
      );
      if (reversed) return this.later(this.s.day + r.int(7, 21), () => this.meeting(this.s.day));
      this.later(this.s.day + r.int(1, 5), () => {
        this.command(this.s.day, (s, on) => s.forwardAppeal(on));
        this.later(this.s.day + r.int(30, 150), () => {
          const outcome = about === 'exclusion' ? 'upheld' : r.weighted({ upheld: 75, reversed: 15, remitted: 10 });
          this.command(this.s.day, (s, on) => s.appealOutcome(on, outcome, `Statsforvalteren: ${outcome}`));
          if (about === 'exclusion') return this.afterLeaving(this.s.day);
          if (outcome === 'upheld') return this.later(this.s.day + r.int(1, 30), () => this.close(this.s.day, 'Klagesaken er avgjort; vedtaket står'));
          this.later(this.s.day + r.int(7, 30), () => this.meeting(this.s.day));
        });
      });
    });
  }

  // ───────────────────────── waiting list and offers ─────────────────────────

  private joinQueue(day: number): void {
    this.inQueue = true;
    this.queuedDay = day;
    this.facility.queue.push(this);
    this.later(day + Math.round(this.r.exp(45)) + 1, () => this.waitCheck(this.s.day));
    this.s.dispatch(this.facility, day);
  }

  private leaveQueue(): void {
    if (!this.inQueue) return;
    this.inQueue = false;
    const i = this.facility.queue.indexOf(this);
    if (i >= 0) this.facility.queue.splice(i, 1);
  }

  private waitCheck(day: number): void {
    if (!this.inQueue) return;
    const r = this.r;
    const x = r.next();
    if (x < 0.1) {
      this.leaveQueue();
      this.command(day, (s, on) =>
        s.withdraw(on, r.pick(['found_housing_themselves', 'moved_away', 'declined_further_contact'] as const), 'Meldt fra til saksbehandler'),
      );
      return this.later(day + r.int(0, 30), () => this.close(this.s.day, 'Henvisningen er trukket'));
    }
    if (x < 0.25 && this.state.status === 'waitlisted') {
      const priority = Math.max(1, Math.min(5, this.priority + (r.chance(0.7) ? -1 : 1)));
      if (priority !== this.priority) {
        this.priority = priority;
        this.command(day, (s, on) => s.changePriority(on, priority));
      }
    }
    if (x > 0.9) this.risk(day);
    this.later(day + Math.round(r.exp(45)) + 1, () => this.waitCheck(this.s.day));
  }

  /** Reserve the place on the unit, then record the offer (as CaseCommandService.offer does). */
  offer(day: number, unit: UnitSim): void {
    const r = this.r;
    const expiresDay = day + r.int(3, 7);
    const ctx = this.s.ctx(this.worker(), day);
    const on = this.date(day);
    const [step] = this.script.offer(on, expiresDay - day, unit.unitId).drain();
    const { offerId } = step.kind === 'command' && step.command.type === 'OfferUnit' ? step.command : bug('an offer');
    this.s.rec.run(
      unitDecider,
      unitStream(unit.unitId),
      { type: 'ReserveUnit', unitId: unit.unitId, caseId: this.caseId, offerId, on, expiresOn: this.date(expiresDay) },
      ctx,
    );
    unit.holder = this;
    this.offerUnit = unit;
    this.offerDay = day;
    this.decide(day, step, { ...ctx, at: this.s.instant(day) });
    const x = r.next();
    if (x < 0.72) this.later(r.int(day, Math.min(expiresDay, day + 3)), () => this.acceptOffer(this.s.day));
    else if (x < 0.92) this.later(r.int(day, expiresDay), () => this.declineOffer(this.s.day));
    else this.later(expiresDay + r.int(1, 3), () => this.expireOffer(this.s.day));
  }

  private acceptOffer(day: number): void {
    if (this.status !== 'offered') return;
    this.command(day, (s, on) => s.acceptOffer(on));
    if (this.r.chance(0.03)) return this.later(day + this.r.int(1, 3), () => this.declineOffer(this.s.day));
    this.later(day + this.r.int(1, 7), () => this.moveIn(this.s.day));
  }

  private releaseOffer(day: number): void {
    if (this.offerUnit) this.offerUnit.holder = undefined;
    this.offerUnit = undefined;
    this.s.dispatch(this.facility, day);
  }

  private declineOffer(day: number): void {
    if (this.status !== 'offered' && this.status !== 'offer_accepted') return;
    this.command(day, (s, on) => s.declineOffer(on, this.r.pick(T.DECLINE_REASONS)));
    this.declines++;
    this.afterOffer(day);
  }

  private expireOffer(day: number): void {
    if (this.status !== 'offered') return;
    this.command(day, (s, on) => s.expireOffer(on));
    this.afterOffer(day);
  }

  /** After a declined or expired offer: wait for another, or end the case (Bolig Nu: 17 of 68 declined). */
  private afterOffer(day: number): void {
    const r = this.r;
    const ends = this.declines >= 2 || r.chance(0.5);
    this.releaseOffer(day);
    if (ends) return this.later(day + r.int(1, 20), () => this.close(this.s.day, 'Takket nei til tilbudet'));
    this.later(day + r.int(7, 45), () => {
      if (this.status === 'waitlisted' || this.status === 'accepted') this.joinQueue(this.s.day);
    });
  }

  // ───────────────────────── the stay ─────────────────────────

  private moveIn(day: number): void {
    if (this.status !== 'offer_accepted') return;
    const r = this.r;
    const t = this.facility.template;
    const unit = this.offerUnit!;
    this.agreementPlan = r.weighted(t.agreement);
    const startsOn = this.date(day);
    let kind: AgreementKind;
    let endsOn: string | undefined;
    let leaseTerms: LeaseTerms | undefined;
    switch (this.agreementPlan) {
      case 'temporary': {
        kind = 'temporary_agreement';
        const limit = this.s.cal.dayOf(agreementLimit(kind, startsOn, t.maxStayDays)!);
        endsOn = this.date(Math.min(limit, day + r.pick([30, 45, 60, 90])));
        // Bolig Nu: mean stay about 41 days, range 1-240; a few run past the limit with a written reason.
        this.plannedOutDay = day + Math.max(1, Math.min(240, Math.round(r.exp(t.stayMeanDays))));
        break;
      }
      case 'service':
        kind = 'service_agreement';
        endsOn = addMonths(startsOn, r.chance(0.4) ? 6 : 12);
        this.plannedOutDay = day + Math.max(14, Math.round(r.exp(t.stayMeanDays)));
        break;
      case 'care_lease':
        kind = 'lease';
        leaseTerms = { specialTermsHusll11_1: true, writtenNoticeGivenOn: this.date(this.offerDay), writtenNoticeStatesFewerRights: true, indefinite: true };
        this.plannedOutDay = day + Math.max(14, Math.round(r.exp(t.stayMeanDays)));
        break;
      case 'lease':
        kind = 'lease';
        leaseTerms = { specialTermsHusll11_1: false, indefinite: true };
        this.plannedOutDay = day + Math.max(14, Math.round(r.exp(t.stayMeanDays)));
        break;
    }
    this.leaveQueue();
    this.command(day, (s, on) =>
      s.moveIn(on, {
        agreement: { kind, endsOn, leaseTerms },
        contactPersons: r.pick(T.CONTACT_PERSONS),
        crisisPlan: r.pick(T.CRISIS_PLANS),
        actionPlan: r.pick(T.ACTION_PLANS),
      }),
    );
    this.unit = unit;
    this.offerUnit = undefined;
    this.movedInDay = day;
    this.planAgreement(day);
    this.later(day + this.nextActivity(), () => this.stayTick(this.s.day));
    this.later(this.plannedOutDay, () => this.moveOut(this.s.day));
  }

  /** Extensions and conversions the planned stay needs, each before the agreement runs out. */
  private planAgreement(day: number): void {
    const state = this.residentState();
    if (!state) return;
    const r = this.r;
    const agreement = state.stay.agreement;
    if (agreement.endsOn === undefined) return;
    const endsDay = this.s.cal.dayOf(agreement.endsOn);
    if (this.plannedOutDay <= endsDay) {
      // The stay ends with the agreement: move out on its last day at the latest.
      this.plannedOutDay = Math.min(this.plannedOutDay, endsDay);
      return this.later(this.plannedOutDay, () => this.moveOut(this.s.day));
    }
    const limitDay = agreement.limit ? this.s.cal.dayOf(agreement.limit) : undefined;
    const when = Math.max(day + 1, endsDay - r.int(1, 14));
    if (agreement.kind === 'service_agreement') {
      if (limitDay !== undefined && endsDay < limitDay) {
        return this.later(when, () => this.extend(this.s.day, this.date(limitDay)));
      }
      // Melhus: when it works, the service agreement becomes an ordinary lease; else another offer.
      if (r.chance(0.8)) return this.later(when, () => this.convertToLease(this.s.day));
      this.plannedOutDay = endsDay;
      return this.later(this.plannedOutDay, () => this.moveOut(this.s.day));
    }
    if (agreement.kind === 'temporary_agreement') {
      const target = limitDay !== undefined && this.plannedOutDay > limitDay && endsDay < limitDay ? limitDay : this.plannedOutDay;
      return this.later(when, () =>
        this.extend(
          this.s.day,
          this.date(target),
          target > (limitDay ?? Infinity) ? 'Venter på kommunal leilighet; flytting til hospits ville bryte oppfølgingen' : undefined,
        ),
      );
    }
  }

  private hasFollowUp(): boolean {
    const state = this.state;
    return state.status !== 'none' && state.followUp !== undefined;
  }

  private residentState() {
    const state = this.state;
    return state.status === 'resident' ? state : undefined;
  }

  private extend(day: number, endsOn: string, justification?: string): void {
    if (!this.residentState() || this.excluded) return;
    this.command(day, (s, on) => s.extend(on, endsOn, justification));
    this.planAgreement(day);
  }

  private convertToLease(day: number): void {
    if (!this.residentState() || this.excluded) return;
    const leaseTerms: LeaseTerms = {
      specialTermsHusll11_1: true,
      writtenNoticeGivenOn: this.date(day - this.r.int(0, 14)),
      writtenNoticeStatesFewerRights: true,
      indefinite: true,
    };
    this.command(day, (s, on) => s.convertToLease(on, on, leaseTerms));
  }

  private nextActivity(): number {
    return Math.max(1, Math.round(this.r.exp(30 / this.facility.template.activityPerMonth)));
  }

  private stayTick(day: number): void {
    if (!this.residentState() || this.excluded || day >= this.plannedOutDay) return;
    const r = this.r;
    const t = this.facility.template;
    const activity = r.weighted({
      incident: t.incidentShare,
      risk: 0.14,
      actionPlan: 0.14,
      crisisPlan: 0.07,
      contactPersons: 0.05,
      absence: this.away ? 0 : 0.1,
      transfer: 0.008,
      comment: 0.02,
      correction: 0.01,
    });
    switch (activity) {
      case 'incident':
        this.incident(day);
        break;
      case 'risk':
        this.risk(day);
        break;
      case 'actionPlan':
        this.command(day, (s, on) => s.actionPlan(on, r.pick(T.ACTION_PLANS)));
        break;
      case 'crisisPlan':
        this.command(day, (s, on) => s.crisisPlan(on, r.pick(T.CRISIS_PLANS)));
        break;
      case 'contactPersons':
        this.command(day, (s, on) => s.contactPersons(on, r.pick(T.CONTACT_PERSONS)));
        break;
      case 'absence':
        this.absence(day);
        break;
      case 'transfer':
        this.transfer(day);
        break;
      case 'comment':
        this.s.rec.run(
          personDecider,
          personStream(this.person.personId),
          {
            type: 'AddResidentComment',
            personId: this.person.personId,
            commentId: r.uuid(),
            on: this.date(day),
            text: 'Jeg er uenig i beskrivelsen av hendelsen',
          },
          this.s.ctx(this.worker(), day),
          this.date(day),
        );
        break;
      case 'correction':
        this.s.rec.run(
          personDecider,
          personStream(this.person.personId),
          {
            type: 'CorrectPersonDetails',
            personId: this.person.personId,
            changes: { contact: { phone: `9${r.int(1000000, 9999999)}` } },
            reason: 'Nytt telefonnummer',
            on: this.date(day),
          },
          this.s.ctx(this.worker(), day),
          this.date(day),
        );
        break;
    }
    this.later(day + this.nextActivity(), () => this.stayTick(this.s.day));
  }

  private incident(day: number): void {
    const r = this.r;
    const kind = r.weighted<IncidentKind>({
      house_rule_breach: 35,
      threat_or_violence: 12,
      damage: 12,
      substance_use_in_common_areas: 15,
      police_callout: 10,
      fire_callout: 4,
      ambulance_callout: 12,
    });
    const severity = r.weighted<Severity>({ low: 50, medium: 35, high: 15 });
    const [step] = this.script.incident(this.date(day), kind, severity, r.pick(T.INCIDENT_TEXTS[kind])).drain();
    const { incidentId } = step.kind === 'command' && step.command.type === 'RecordIncident' ? step.command : bug('an incident');
    this.decide(day, step);
    if (severity === 'high' && r.chance(0.5)) this.later(day + r.int(0, 3), () => this.risk(this.s.day));
    if (r.chance(severity === 'low' ? 0.15 : 0.45)) {
      this.later(day + r.int(0, 3), () => {
        if (!this.residentState() || this.excluded) return;
        this.warnings++;
        this.command(this.s.day, (s, on) => s.warning(on, `Advarsel etter hendelse: ${kind}`, incidentId));
      });
    }
    if (severity === 'high' && this.warnings >= 2 && r.chance(0.35)) {
      this.later(day + r.int(1, 10), () => this.exclude(this.s.day, kind));
    }
  }

  private absence(day: number): void {
    const r = this.r;
    const kind = r.weighted({ agreed: 40, unagreed: 35, hospital_admission: 25 });
    // Absences do not overlap: one begins on or after the return from the last.
    const from = Math.max(this.movedInDay, this.returnedDay, day - r.int(0, 2));
    this.away = true;
    this.command(day, (s, on) => s.absence(on, kind, this.date(from)));
    this.later(day + r.int(1, kind === 'hospital_admission' ? 30 : 14), () => this.returned(this.s.day));
  }

  private returned(day: number): void {
    if (!this.away || !this.residentState()) return;
    this.away = false;
    this.returnedDay = day;
    this.command(day, (s, on) => s.returned(on));
  }

  /** Occupy the new unit first, then move the case; the old unit is vacated by the follow-up. */
  private transfer(day: number): void {
    const target = this.facility.queue.length === 0 ? this.s.freeUnit(this.facility, this.facility.template.unitKind) : undefined;
    if (!target || !this.unit) return;
    const ctx = this.s.ctx(this.worker(), day);
    const on = this.date(day);
    const [step] = this.script.transfer(on, 'Behov for leilighet på bakkeplan', target.unitId).drain();
    const { transferId } = step.kind === 'command' && step.command.type === 'TransferUnit' ? step.command : bug('a transfer');
    this.s.rec.run(
      unitDecider,
      unitStream(target.unitId),
      { type: 'OccupyUnitByTransfer', unitId: target.unitId, caseId: this.caseId, personId: this.person.personId, transferId, on },
      ctx,
    );
    target.holder = this;
    this.decide(day, step, { ...ctx, at: this.s.instant(day) });
    const old = this.unit;
    this.unit = target;
    old.holder = undefined;
    this.s.dispatch(this.facility, day);
  }

  // ───────────────────────── leaving ─────────────────────────

  private exclude(day: number, after: IncidentKind): void {
    if (!this.residentState() || this.excluded || this.movedOut) return;
    const r = this.r;
    const reasons = this.facility.template.exclusionReasons;
    const preferred: ExclusionReason =
      after === 'threat_or_violence' || after === 'police_callout'
        ? 'violence_or_threats'
        : after === 'ambulance_callout' || after === 'substance_use_in_common_areas'
          ? 'extensive_substance_use'
          : 'repeated_house_rule_breaches';
    const chosen = reasons.includes(preferred) ? [preferred] : [r.pick(reasons)];
    const effectiveDay = day + r.int(0, 14);
    const events = this.command(day, (s, on) =>
      s.exclude(on, chosen, T.EXCLUSION_TEXT.overall, this.date(effectiveDay), decisionText(T.EXCLUSION_TEXT.facts, T.EXCLUSION_TEXT.considerations)),
    );
    this.excluded = true;
    const issued = events.find((e) => e.type === 'DecisionIssued') as Extract<CaseEvent, { type: 'DecisionIssued' }>;
    const deadlineDay = this.s.cal.dayOf(issued.data.appealNotice.deadline);
    const decision = { decisionId: issued.data.decisionId };
    this.later(day + r.int(0, Math.max(0, effectiveDay - day)), () => {
      if (r.chance(0.75)) {
        this.command(this.s.day, (s, on) =>
          s.alternativeOffered(
            on,
            r.weighted({ other_facility: 30, municipal_housing: 20, temporary_accommodation: 35, institution: 10, other: 5 }),
            'Tilbudt annet botilbud i kommunen',
          ),
        );
      } else {
        this.command(this.s.day, (s, on) => s.alternativeRefused(on, 'Ønsket ikke det tilbudte botilbudet'));
      }
    });
    this.later(effectiveDay, () =>
      this.moveOut(this.s.day, 'excluded', () => {
        if (r.chance(0.1))
          return this.later(r.int(this.s.day, Math.max(this.s.day, deadlineDay)), () => this.appeal(this.s.day, decision.decisionId, 'exclusion'));
        this.later(Math.max(this.s.day, deadlineDay) + r.int(1, 20), () => this.close(this.s.day, 'Avsluttet etter vedtak om avslutning; klagefristen er ute'));
      }),
    );
  }

  private moveOut(
    day: number,
    exitReason: 'completed' | 'left_voluntarily' | 'excluded' = this.r.chance(0.75) ? 'completed' : 'left_voluntarily',
    then?: () => void,
  ): void {
    if (!this.residentState() || this.movedOut) return;
    if (this.excluded && exitReason !== 'excluded') return; // the exclusion decides when
    const r = this.r;
    if (this.away) this.returned(day);
    const t = this.facility.template;
    const destination: Destination =
      exitReason === 'excluded'
        ? r.weighted<Destination>({ shelter_or_guesthouse: 40, transit: 20, institution: 15, unknown: 15, other_municipality: 10 })
        : t.kind === 'temporary_housing'
          ? r.weighted<Destination>({
              municipal_housing: 8,
              private_rental: 38,
              transit: 14,
              institution: 10,
              other_municipality: 6,
              shelter_or_guesthouse: 8,
              unknown: 14,
              deceased: 2,
            })
          : r.weighted<Destination>({
              municipal_housing: 30,
              private_rental: 15,
              own_home: 5,
              institution: 20,
              other_municipality: 5,
              shelter_or_guesthouse: 5,
              unknown: 12,
              deceased: 8,
            });
    this.command(day, (s, on) => s.moveOut(on, destination, exitReason));
    this.movedOut = true;
    if (this.unit) this.unit.holder = undefined;
    this.unit = undefined;
    this.s.dispatch(this.facility, day);
    // People who left to a home of their own and are referred again (returns to homelessness).
    if (destinationCategory(destination) === 'permanent' && r.chance(0.12)) {
      const person = this.person;
      const facility = r.chance(0.6) ? this.facility : r.pick(this.s.facilities);
      this.s.at(day + r.int(150, 730), () => new CaseAgent(this.s, facility, person).refer(this.s.day));
    }
    if (then) return then();
    if (destination === 'deceased') return this.later(day + r.int(1, 10), () => this.close(this.s.day, 'Personen er død'));
    this.afterLeaving(day);
  }

  /** Follow-up after move-out, ambulant follow-up, or closing. */
  private afterLeaving(day: number): void {
    const r = this.r;
    const status = this.status;
    if (status !== 'moved_out') return this.later(day + r.int(1, 30), () => this.close(this.s.day, 'Saken avsluttes'));
    const x = r.next();
    if (x < 0.55 && !this.hasFollowUp()) {
      return this.later(day + r.int(0, 7), () => {
        const months = r.weighted({ '3': 80, '1': 5, '6': 15 });
        const [started] = this.command(this.s.day, (s, on) =>
          s.startFollowUp(
            on,
            r.chance(0.5) ? ['visits', 'phone'] : ['home_visits', 'phone'],
            r.pick(T.ACTION_PLANS),
            { offered: true, accepted: r.chance(0.7) },
            { periodMonths: Number(months), exitConversationHeld: r.chance(0.9) },
          ),
        );
        const endsDay = this.s.cal.dayOf((started as Extract<CaseEvent, { type: 'FollowUpStarted' }>).data.endsOn);
        this.later(endsDay + r.int(-5, 10), () => {
          this.command(this.s.day, (s, on) => s.endFollowUp(on, r.pick(['Bor stabilt', 'Mistet kontakten', 'Videre oppfølging fra hjemmetjenesten'])));
          this.later(this.s.day + r.int(0, 14), () => this.close(this.s.day, 'Oppfølgingsperioden er over'));
        });
      });
    }
    if (x < 0.65 && this.facility.template.ambulant > 0) {
      return this.later(day + r.int(0, 10), () => this.enrolAmbulant(this.s.day, () => this.close(this.s.day, 'Ambulant oppfølging er avsluttet')));
    }
    this.later(day + r.int(7, 60), () => this.close(this.s.day, 'Flyttet ut; saken avsluttes'));
  }

  private enrolAmbulant(day: number, then: () => void): void {
    const status = this.status;
    if (status !== 'accepted' && status !== 'moved_out') return;
    const r = this.r;
    this.command(day, (s, on) => s.enrolAmbulant(on, ['home_visits', 'phone']));
    this.later(day + r.int(90, 540), () => {
      this.command(this.s.day, (s, on) => s.endAmbulant(on, 'Mål nådd'));
      this.later(this.s.day + r.int(0, 14), then);
    });
  }

  private close(day: number, reason: string): void {
    const status = this.status;
    if (
      status === 'closed' ||
      status === 'none' ||
      status === 'resident' ||
      status === 'offered' ||
      status === 'offer_accepted' ||
      status === 'mapping' ||
      status === 'ambulant'
    )
      return;
    this.leaveQueue();
    this.command(day, (s, on) => s.close(on, reason));
    this.closed = true;
    CaseAgent.open.delete(this);
    this.s.recordClosed(this);
    this.s.rec.forget(this.stream);
  }
}
