/**
 * The app under test for `npm run bench:http`, in its own process (so the load generator does not share
 * its event loop): createApp on a fresh DATA_DIR, SQLite with synchronous=FULL as in production, on
 * 127.0.0.1 and a free port. It seeds the minimum through the app's own services (first-run setup, a
 * facility with units, staff accounts, people and cases taken all the way to move-in), then tells the
 * parent over IPC where it listens and what it seeded, and stops when told.
 *
 * Environment: BENCH_DATA_DIR (required), BENCH_HTTP_CASES (resident cases to seed, default 500).
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { facilityDecider, facilityStream, synthesizeIdentityNumber, unitDecider, unitStream } from '@app/domain';
import {
  Actor,
  CaseCommandService,
  Clock,
  CommandContext,
  createApp,
  CreateUserWorkflow,
  IdGenerator,
  loadConfig,
  RegisterPersonWorkflow,
  CommandRunner,
  SetupService,
  SYSTEM_ACTOR,
  UserDirectory,
} from '../product/app';

export const PASSWORD = 'bench-password-Lang-nok-1';
export interface SeededCase {
  readonly caseId: string;
  readonly personId: string;
}
export interface ServerReady {
  readonly type: 'ready';
  readonly port: number;
  readonly facilityId: string;
  readonly today: string;
  readonly cases: readonly SeededCase[];
  readonly seedSeconds: number;
  readonly seedCommands: number;
  readonly users: { readonly caseWorker: string; readonly auditor: string; readonly teamLead: string };
  readonly readModels: readonly string[];
}

const CASES = Number(process.env.BENCH_HTTP_CASES ?? 500);
/** Places per unit (the domain allows 1 to 10): enough places for every seeded resident. */
const CAPACITY = 10;

async function main() {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', SQLITE_SYNCHRONOUS: 'FULL', TOKEN_TTL_SECONDS: '3600' });
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;

  const started = performance.now();
  const createUser = app.get(CreateUserWorkflow);
  const registerPerson = app.get(RegisterPersonWorkflow);
  const runner = app.get(CommandRunner);
  const ids = app.get(IdGenerator);
  const cases = app.get(CaseCommandService);
  const directory = app.get(UserDirectory);
  const today = app.get(Clock).today();
  let commands = 0;
  const ctx = (actor: Actor): CommandContext => {
    const commandId = ids.next();
    commands++;
    return { actor, commandId, correlationId: commandId };
  };
  const actorOf = async (username: string) => UserDirectory.actorOf((await directory.byUsername(username))!);

  // First-run setup, then the facility, its units and its staff, as an administrator would.
  await app.get(SetupService).createAdministrator({ username: 'admin', displayName: 'Administrator', password: PASSWORD }, ctx(SYSTEM_ACTOR));
  const admin = await actorOf('admin');
  const facilityId = ids.next();
  await runner.run(
    {
      decider: facilityDecider,
      stream: facilityStream(facilityId),
      command: {
        type: 'RegisterFacility',
        facilityId,
        name: 'Bofellesskap Benk',
        kind: 'staffed_cluster',
        municipality: 'Bodø',
        targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
        exclusionReasons: ['violence_or_threats'],
      },
    },
    ctx(admin),
  );
  const units: string[] = [];
  for (let u = 0; u < Math.ceil(CASES / CAPACITY); u++) {
    const unitId = ids.next();
    units.push(unitId);
    await runner.run(
      {
        decider: unitDecider,
        stream: unitStream(unitId),
        command: { type: 'AddUnit', unitId, facilityId, label: `L${String(u + 1).padStart(3, '0')}`, kind: 'permanent', capacity: CAPACITY },
      },
      ctx(admin),
    );
  }
  const user = (username: string, role: 'case_worker' | 'team_lead' | 'auditor') =>
    createUser.run(
      { username, displayName: username, password: PASSWORD, grants: [{ role, facilityIds: role === 'auditor' ? undefined : [facilityId] }] },
      ctx(admin),
    );
  await user('saksbehandler', 'case_worker');
  await user('leder', 'team_lead');
  await user('revisor', 'auditor');
  const worker = await actorOf('saksbehandler');
  const lead = await actorOf('leder');

  // People and their cases, referral to move-in; one unit's cases at a time per worker so that no two
  // workers reserve places on the same unit at once (that would be a 409, as it should).
  const seeded: SeededCase[] = [];
  const numbers = new Set<string>();
  const seedCase = async (i: number, unitId: string) => {
    const birthDate = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    let identityNumber = synthesizeIdentityNumber(birthDate, 0);
    for (let s = 1; numbers.has(identityNumber); s++) identityNumber = synthesizeIdentityNumber(birthDate, s);
    numbers.add(identityNumber);
    const person = await registerPerson.run(
      { givenName: `Beboer${i}`, familyName: 'Benk', birthDate, identityNumber, gender: i % 3 ? 'male' : 'female' },
      ctx(worker),
    );
    const referral = await cases.registerReferral(
      {
        on: today,
        facilityId,
        personId: person.personId,
        referralSource: 'nav',
        referrer: { name: 'Marit Solberg', organisation: 'NAV' },
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
        reason: 'Bostedsløs',
        consent: { given: true, scope: 'Henviser og vurderingsteamet', date: today },
      },
      ctx(worker),
    );
    const caseId = referral.caseId;
    await cases.execute(
      {
        type: 'RecordAssessmentMeeting',
        caseId,
        on: today,
        meetingId: ids.next(),
        members: ['Enhetsleder', 'Fagleder'],
        outcome: 'accepted',
        notes: 'Innenfor målgruppen',
      },
      ctx(worker),
    );
    await cases.execute(
      {
        type: 'IssueDecision',
        caseId,
        on: today,
        decisionId: ids.next(),
        kind: 'grant',
        legalBasis: 'hotl_3_2',
        facts: 'Bostedsløs',
        mainConsiderations: 'Tilbudet passer',
        decidedBy: 'Enhetsleder',
      },
      ctx(lead),
    );
    const offerId = ids.next();
    const expiresOn = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await cases.execute({ type: 'OfferUnit', caseId, on: today, offerId, unitId, facilityId, expiresOn }, ctx(worker));
    await cases.execute({ type: 'AcceptOffer', caseId, on: today, offerId }, ctx(worker));
    await cases.execute(
      {
        type: 'MoveIn',
        caseId,
        on: today,
        moveInId: ids.next(),
        offerId,
        unitId,
        agreement: { kind: 'lease', startsOn: today, leaseTerms: { specialTermsHusll11_1: false, indefinite: true } },
        houseRulesAcknowledged: true,
        informationLetterAcknowledged: true,
        contactPersons: ['Primærkontakt'],
        actionPlan: [{ goal: 'Beholde boligen', measure: 'Ukentlig samtale', responsible: 'Kontaktperson' }],
      },
      ctx(worker),
    );
    seeded.push({ caseId, personId: person.personId });
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(25, units.length) }, async () => {
      for (let u = next++; u < units.length; u = next++) {
        for (let k = 0; k < CAPACITY && u * CAPACITY + k < CASES; k++) await seedCase(u * CAPACITY + k, units[u]);
      }
    }),
  );

  const { READ_MODEL_FEATURES } = await import('../product/read-models');
  const ready: ServerReady = {
    type: 'ready',
    port,
    facilityId,
    today,
    cases: seeded,
    seedSeconds: (performance.now() - started) / 1000,
    seedCommands: commands,
    users: { caseWorker: 'saksbehandler', auditor: 'revisor', teamLead: 'leder' },
    readModels: READ_MODEL_FEATURES.map((f) => f.projection.name),
  };
  process.send!(ready);
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
