import { INestApplication } from '@nestjs/common';
import {
  addDays,
  CASE_STATUSES,
  claimEnd,
  caseDecider,
  CaseStatus,
  caseStream,
  facilityDecider,
  facilityStream,
  IsoDate,
  isIsoDate,
  openOccupancies,
  openReservations,
  UnitCommand,
  unitDecider,
  unitStream,
} from '@app/domain';
import { Actor, SYSTEM_ACTOR } from '../platform/auth/actor';
import { assertCan } from '../platform/auth/authorization';
import { AccessDenied, DomainRuleViolation, NotFound } from '../platform/errors/command-errors';
import { CommandContext, CommandOutcome, CommandRunner } from '../platform/commands/command-runner';
import { IdGenerator } from '../platform/ids';
import { Clock } from '../platform/clock';
import { StreamReader } from '../platform/streams/stream-reader';
import { CaseCommandInput, CaseCommandService } from '../features/cases/case-command.service';
import { actionFor } from '../features/cases/case-commands';
import { RegisterPersonWorkflow } from '../features/people/register-person.workflow';
import { CreateUserWorkflow } from '../features/users/create-user.workflow';
import { SetupService } from '../features/users/setup.service';
import { UserDirectory } from '../platform/auth/user-directory';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccountKey } from './demo-accounts';
import { allocatePlaces, CaseScript, inDateOrder, PeopleFactory, ScenarioStep, SeededRandom } from '@app/domain/scenarios';
import { ALL_DEMO_FACILITIES } from './demo-facilities';
import { buildScenarios } from './demo-scenarios';

/**
 * Seeds an empty store with demo data, through the application's own services and command handlers
 * (never by writing events), so every rule is checked and every event carries real metadata: the demo
 * users are the actors. Any command a rule refuses stops the seed with the rule's name; so does a
 * command that records nothing, and a case or unit that does not end where the plan says.
 */
export interface DemoSeedOptions {
  /** The day the demo is "now"; taken from the app's Clock when not given. */
  readonly today?: IsoDate;
}

export interface DemoSeedResult {
  readonly today: IsoDate;
  readonly accounts: ReadonlyArray<{ username: string; password: string; role: string; description: string; userId: string }>;
  readonly facilities: ReadonlyArray<{ facilityId: string; name: string; municipality: string; units: number }>;
  readonly people: number;
  readonly cases: ReadonlyArray<{ key: string; caseId: string; personId: string; person: string; facility: string; status: CaseStatus }>;
  readonly statusCounts: Readonly<Partial<Record<CaseStatus, number>>>;
  /** Commands the seed ran (users, facilities, units, people and case commands). */
  readonly commands: number;
}

/** Fixed, so the demo is the same on every run. */
const DEMO_RANDOM_SEED = 20_140_505; // Bolig Nu opened on 5 May 2014

export class DemoSeedError extends Error {}

export async function seedDemo(app: INestApplication, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const runner = app.get(CommandRunner);
  const streams = app.get(StreamReader);
  const createUser = app.get(CreateUserWorkflow);
  const registerPerson = app.get(RegisterPersonWorkflow);
  const caseCommands = app.get(CaseCommandService);
  const setup = app.get(SetupService);
  const directory = app.get(UserDirectory);
  const ids = app.get(IdGenerator);
  const today = options.today ?? app.get(Clock).today();
  if (!isIsoDate(today)) throw new DemoSeedError(`today must be a calendar date (YYYY-MM-DD), not ${today}`);

  // Demo data never goes into an installation that is in use.
  if (await setup.isComplete()) {
    throw new DemoSeedError('The demo seed runs on an empty store only: this one already has an administrator');
  }

  // Plan everything before writing anything: a mistake in the plan fails here, with nothing written.
  const people = new PeopleFactory(new SeededRandom(DEMO_RANDOM_SEED), today);
  const scripts = buildScenarios(today, people);
  allocatePlaces(scripts.flatMap((s) => s.holds));
  const scriptOf = new Map(scripts.map((s) => [s.key, s]));
  const personOf = (s: CaseScript) => people.get(s.personKey);
  // On one day, scripts in plan order and each script's steps in its order (the scenario's creation order).
  const steps: ScenarioStep[] = inDateOrder(scripts.flatMap((s) => s.steps()));
  const late = steps.find((s) => s.on > today);
  if (late) throw new DemoSeedError(`Demo plan: ${late.caseKey} has a command dated ${late.on}, after today (${today})`);

  let commands = 0;
  const ctx = (actor: Actor): CommandContext => {
    const commandId = ids.next();
    commands++;
    return { actor, commandId, correlationId: commandId };
  };
  const recorded = (what: string, outcome: CommandOutcome): CommandOutcome => {
    if (outcome.events.length === 0) throw new DemoSeedError(`Demo seed: ${what} recorded nothing (already applied?)`);
    return outcome;
  };

  // 1. The administrator, as first-run setup creates it.
  const account = (key: DemoAccountKey) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
  const adminAccount = account('admin');
  const adminId = await setup.createAdministrator(
    { username: adminAccount.username, displayName: adminAccount.displayName, password: DEMO_PASSWORD },
    ctx(SYSTEM_ACTOR),
  );
  const actorOf = async (username: string): Promise<Actor> => {
    const user = await directory.byUsername(username);
    if (!user) throw new DemoSeedError(`Demo seed: user ${username} was not created`);
    return UserDirectory.actorOf(user);
  };
  const admin = await actorOf(adminAccount.username);

  // 2. Facilities and their units, as the facility and unit endpoints add them.
  for (const facility of ALL_DEMO_FACILITIES) {
    await attempt(`register facility ${facility.profile.name}`, async () => {
      assertCan(admin, 'admin.facilities');
      const command = { type: 'RegisterFacility' as const, facilityId: facility.facilityId, ...facility.profile };
      recorded(
        `RegisterFacility ${facility.profile.name}`,
        await runner.run({ decider: facilityDecider, stream: facilityStream(facility.facilityId), command }, ctx(admin)),
      );
    });
    for (const unit of facility.units) {
      await attempt(`add unit ${unit.label} to ${facility.profile.name}`, async () => {
        assertCan(admin, 'admin.facilities');
        const loaded = await streams.load(facilityDecider, facilityStream(facility.facilityId));
        if (loaded.state.status === 'none') throw new NotFound('Facility');
        const command: UnitCommand = { type: 'AddUnit', unitId: unit.unitId, facilityId: facility.facilityId, label: unit.label, kind: unit.kind, capacity: 1 };
        recorded(`AddUnit ${unit.label}`, await runner.run({ decider: unitDecider, stream: unitStream(unit.unitId), command }, ctx(admin)));
      });
    }
  }

  // 3. The other demo accounts; facility-scoped roles get every demo facility.
  const allFacilityIds = ALL_DEMO_FACILITIES.map((f) => f.facilityId);
  const userIds = new Map<string, string>([[adminAccount.username, adminId]]);
  for (const a of DEMO_ACCOUNTS.filter((x) => x.key !== 'admin')) {
    await attempt(`create user ${a.username}`, async () => {
      assertCan(admin, 'admin.users');
      const grants = [{ role: a.role, facilityIds: a.allFacilities ? allFacilityIds : undefined }];
      const outcome = await createUser.run({ username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, grants }, ctx(admin));
      userIds.set(a.username, outcome.userId);
    });
  }
  const caseWorker = await actorOf(account('caseWorker').username);
  const teamLead = await actorOf(account('teamLead').username);

  // 4. People, registered by the case worker as the people endpoint does.
  for (const person of people.all()) {
    await attempt(`register person ${person.label}`, async () => {
      assertCan(caseWorker, 'case.command');
      const outcome = await registerPerson.run(person.details, ctx(caseWorker));
      recorded(`RegisterPerson ${person.label}`, outcome);
      person.personId = outcome.personId;
    });
  }

  // 5. The cases' commands, all scripts interleaved in date order. Formal decisions, exclusions and
  //    appeal reviews are the team lead's; everything else is the case worker's.
  for (const step of steps) {
    const s = scriptOf.get(step.caseKey)!;
    if (step.kind === 'referral') {
      await attempt(`${s.key}: RegisterReferral on ${step.on}`, async () => {
        const outcome = await caseCommands.registerReferral({ ...step.input, personId: personOf(s).personId!, facilityId: step.facilityId }, ctx(caseWorker));
        recorded(`${s.key}: RegisterReferral`, outcome);
        s.caseId = outcome.caseId;
      });
      continue;
    }
    const input = { ...step.command, caseId: s.caseId! } as CaseCommandInput;
    const actor = actionFor(input.type) === 'case.command' ? caseWorker : teamLead;
    await attempt(`${s.key}: ${input.type} on ${step.on}`, async () => {
      recorded(`${s.key}: ${input.type}`, await caseCommands.execute(input, ctx(actor)));
    });
  }

  // 6. Check the outcome against the plan: statuses, and units in step with their cases (the unit
  //    follow-ups after a case command are best effort and only log when they fail).
  const cases = await checkCases(streams, scripts);
  const facilityName = new Map(ALL_DEMO_FACILITIES.map((f) => [f.facilityId, f.profile.name]));
  await checkUnits(streams, cases);

  // 7. Maintenance: the last free unit of two staffed facilities is out of service (water damage, a
  //    reinforced flat being rebuilt), so the occupancy board shows that state too. Done last, on
  //    free units only: nobody may lose a home or a promised place to maintenance.
  for (const [key, reason] of [
    ['bodo_hg', 'Vannskade, under utbedring'],
    ['trondheim', 'Forsterkes etter skade'],
  ] as const) {
    const facility = ALL_DEMO_FACILITIES.find((f) => f.key === key)!;
    let free: string | undefined;
    for (const unit of [...facility.units].reverse()) {
      const { state } = await streams.load(unitDecider, unitStream(unit.unitId));
      // Free from the day it goes out of service on: no claim on its places runs past that day.
      const from = addDays(today, -3);
      if (state.status === 'active' && state.claims.every((c) => (claimEnd(c) ?? '9999-12-31') <= from)) {
        free = unit.unitId;
        break;
      }
    }
    if (!free) throw new DemoSeedError(`Demo seed: ${facility.profile.name} has no free unit to take out of service`);
    const command: UnitCommand = { type: 'TakeUnitOutOfService', unitId: free, on: addDays(today, -3), reason, today };
    await attempt(`take a unit of ${facility.profile.name} out of service`, async () => {
      recorded(`TakeUnitOutOfService ${facility.profile.name}`, await runner.run({ decider: unitDecider, stream: unitStream(free!), command }, ctx(admin)));
    });
  }

  const statusCounts: Partial<Record<CaseStatus, number>> = {};
  for (const status of CASE_STATUSES) {
    const n = cases.filter((c) => c.state.status === status).length;
    if (n > 0) statusCounts[status] = n;
  }
  return {
    today,
    accounts: DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      password: DEMO_PASSWORD,
      role: a.role,
      description: a.description,
      userId: userIds.get(a.username)!,
    })),
    facilities: ALL_DEMO_FACILITIES.map((f) => ({
      facilityId: f.facilityId,
      name: f.profile.name,
      municipality: f.profile.municipality,
      units: f.units.length,
    })),
    people: people.all().length,
    cases: cases.map(({ script, state }) => ({
      key: script.key,
      caseId: script.caseId!,
      personId: personOf(script).personId!,
      person: personOf(script).label,
      facility: facilityName.get(script.facility.facilityId)!,
      status: state.status,
    })),
    statusCounts,
    commands,
  };
}

/** Runs one seed command; a refusal stops the seed, naming the rule (never worked around). */
async function attempt(what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DemoSeedError) throw error;
    if (error instanceof DomainRuleViolation) {
      throw new DemoSeedError(`Demo seed: ${what} was refused by rule ${error.error.rule}: ${error.error.message}`, { cause: error });
    }
    if (error instanceof AccessDenied || error instanceof NotFound) {
      throw new DemoSeedError(`Demo seed: ${what} failed: ${error.message}`, { cause: error });
    }
    throw new DemoSeedError(`Demo seed: ${what} failed: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

type LoadedCase = { script: CaseScript; state: Exclude<Awaited<ReturnType<typeof loadCase>>, { status: 'none' }> };

async function loadCase(streams: StreamReader, caseId: string) {
  return (await streams.load(caseDecider, caseStream(caseId))).state;
}

async function checkCases(streams: StreamReader, scripts: readonly CaseScript[]): Promise<LoadedCase[]> {
  const loaded: LoadedCase[] = [];
  const wrong: string[] = [];
  for (const script of scripts) {
    const state = await loadCase(streams, script.caseId!);
    if (state.status === 'none') {
      wrong.push(`${script.key}: no case`);
      continue;
    }
    if (state.status !== script.expected) wrong.push(`${script.key}: ${state.status}, planned ${script.expected}`);
    loaded.push({ script, state });
  }
  if (wrong.length > 0) throw new DemoSeedError(`Demo seed: cases did not end as planned:\n  ${wrong.join('\n  ')}`);
  return loaded;
}

async function checkUnits(streams: StreamReader, cases: readonly LoadedCase[]): Promise<void> {
  const occupants = new Map<string, string[]>();
  const reservations = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, unitId: string, value: string) => map.set(unitId, [...(map.get(unitId) ?? []), value].sort());
  for (const { state } of cases) {
    if (state.status === 'resident') add(occupants, state.stay.unitId, state.caseId);
    const mapping = state.status === 'mapping' ? state.mappings[state.currentMappingId] : undefined;
    if (mapping?.assessmentUnitId) add(occupants, mapping.assessmentUnitId, state.caseId);
    if (state.status === 'offered' || state.status === 'offer_accepted') add(reservations, state.offers[state.currentOfferId].unitId, state.currentOfferId);
  }
  const wrong: string[] = [];
  for (const facility of ALL_DEMO_FACILITIES) {
    for (const unit of facility.units) {
      const { state } = await streams.load(unitDecider, unitStream(unit.unitId));
      if (state.status !== 'active') {
        wrong.push(`${unit.label}: missing`);
        continue;
      }
      const has = openOccupancies(state)
        .map((o) => o.caseId)
        .sort()
        .join(',');
      const held = openReservations(state)
        .map((r) => r.offerId)
        .sort()
        .join(',');
      if (has !== (occupants.get(unit.unitId) ?? []).join(','))
        wrong.push(`${facility.profile.name} ${unit.label}: occupants ${has || 'none'}, cases say ${(occupants.get(unit.unitId) ?? []).join(',') || 'none'}`);
      if (held !== (reservations.get(unit.unitId) ?? []).join(','))
        wrong.push(
          `${facility.profile.name} ${unit.label}: reservations ${held || 'none'}, cases say ${(reservations.get(unit.unitId) ?? []).join(',') || 'none'}`,
        );
    }
  }
  if (wrong.length > 0) throw new DemoSeedError(`Demo seed: units out of step with their cases:\n  ${wrong.join('\n  ')}`);
}
