import fc from 'fast-check';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { CaseCommandType } from '@app/domain';
import { HttpResult, startTestApp, TestApp } from '../support/test-app';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const ID = '3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const on = '2026-03-10';
const plan = [{ goal: 'Keep the flat', measure: 'Weekly home visit', responsible: 'Ola' }];

/**
 * A body every endpoint accepts as valid input, with required fields only: so that removing any field,
 * or changing its type, is guaranteed to make the body invalid (optional fields would not be).
 */
const SAMPLES: Record<CaseCommandType, { [key: string]: Json }> = {
  RegisterReferral: {
    on,
    referralSource: 'nav',
    referrer: { name: 'NAV Bodø' },
    personId: ID,
    facilityId: ID,
    screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
    reason: 'Homeless',
    consent: { given: true, scope: 'Housing service', date: on },
  },
  WithdrawReferral: { on, reason: 'moved_away' },
  RecordAssessmentMeeting: { on, members: ['Team leader'], outcome: 'accepted', notes: 'Fits' },
  StartMapping: { on },
  EndMapping: { on, mappingId: ID, summary: 'Needs support with money' },
  IssueDecision: { on, kind: 'grant', legalBasis: 'sotjl_27', facts: 'Homeless', mainConsiderations: 'Urgent', decidedBy: 'Per' },
  ReceiveAppeal: { on, decisionId: ID, receivedOn: on },
  ReviewAppeal: { on, appealId: ID, outcome: 'upheld', note: 'Stands' },
  ForwardAppeal: { on, appealId: ID },
  RecordAppealOutcome: { on, appealId: ID, outcome: 'upheld' },
  PlaceOnWaitingList: { on, facilityId: ID, priority: 2 },
  ChangeWaitingListPriority: { on, priority: 1 },
  RemoveFromWaitingList: { on, reason: 'no_longer_needed' },
  OfferUnit: { on, unitId: ID, facilityId: ID, expiresOn: '2026-03-17' },
  AcceptOffer: { on, offerId: ID },
  DeclineOffer: { on, offerId: ID, reason: 'Too far from work' },
  ExpireOffer: { on, offerId: ID },
  MoveIn: {
    on,
    offerId: ID,
    unitId: ID,
    agreement: { kind: 'temporary_agreement', startsOn: on },
    houseRulesAcknowledged: true,
    informationLetterAcknowledged: true,
    contactPersons: ['Ola'],
    actionPlan: plan,
  },
  ExtendAgreement: { on, endsOn: '2026-05-01' },
  ConvertToLease: { on, leaseStartsOn: on, leaseTerms: { specialTermsHusll11_1: false, indefinite: true }, residentAgrees: true, landlordAgrees: true },
  RecordIncident: { on, kind: 'damage', severity: 'low', description: 'Broken door' },
  IssueWarning: { on, reason: 'Second breach' },
  RecordAbsence: { on, kind: 'unagreed', from: on },
  RecordReturn: { on, absenceId: ID },
  TransferUnit: { on, toUnitId: ID, reason: 'Needs a ground-floor flat' },
  RecordRiskAssessment: {
    on,
    rosSummary: 'Calm',
    broset: { confused: false, irritable: false, boisterous: false, verbalThreats: false, physicalThreats: false, attackingObjects: false },
  },
  AssignContactPersons: { on, contactPersons: ['Ola'] },
  UpdateCrisisPlan: { on, crisisPlan: { summary: 'Call Ola', madeOn: on } },
  UpdateActionPlan: { on, actionPlan: plan },
  DecideExclusion: {
    on,
    reasons: ['violence_or_threats'],
    overallAssessment: 'Threats after two warnings',
    effectiveOn: on,
    decision: { legalBasis: 'sotjl_27', facts: 'Threats', mainConsiderations: 'Safety', decidedBy: 'Per' },
  },
  RecordAlternativeOffered: { on, description: 'A municipal flat', housingType: 'municipal_housing' },
  RecordAlternativeRefused: { on },
  MoveOut: { on, destination: 'transit', exitReason: 'completed' },
  StartFollowUp: {
    on,
    contactModes: ['phone'],
    actionPlan: plan,
    healthCareFollowUp: { offered: true, accepted: false },
    brochureHandedOver: true,
    exitConversationHeld: true,
  },
  EndFollowUp: { on, followUpId: ID, outcome: 'Settled' },
  EnrolAmbulant: { on, contactModes: ['home_visits'] },
  EndAmbulant: { on, enrolmentId: ID },
  CloseCase: { on, reason: 'Done' },
  RenewConsent: { on, scope: 'NAV og fastlegen', recipients: ['nav', 'gp'] },
  WithdrawConsent: { on },
};
const PERSON_SAMPLE = { givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' };

// ---- Mutations: each one is guaranteed to make a valid body invalid. ----

/** Every node of a JSON value with its path (the root is []). */
function nodes(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => nodes(v, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k]))
      : [];
  return [{ path, value }, ...children];
}

const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
const lastKey = (path: Path) => path[path.length - 1];
const isDateKey = (key: unknown) => typeof key === 'string' && /^(on|from|date)$|[a-z](On|Date)$/.test(key);
const isIdKey = (key: unknown) => typeof key === 'string' && /Id$/.test(key);

function set(root: Json, path: Path, replace: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return replace(root) as Json;
  const copy = structuredClone(root) as { [key: string]: Json } | Json[];
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const key = lastKey(path) as never;
  const next = replace(parent[key]);
  if (next === undefined) delete parent[key];
  else parent[key] = next;
  return copy;
}

/** A value of another JSON type than `value` (never null: null is "absent" for optional fields). */
function wrongType(value: Json, pick: number): Json {
  const options: Json[] =
    typeof value === 'string'
      ? [42, true, {}, [], [value]]
      : typeof value === 'number'
        ? [String(value), true, {}, [], [value]]
        : typeof value === 'boolean'
          ? [String(value), 1, {}, [], [value]]
          : Array.isArray(value)
            ? ['x', 1, true, {}]
            : ['x', 1, true, [], [value]];
  return options[pick % options.length];
}

const BAD_DATES = ['2026-02-30', '2026-13-01', '26-03-10', '2026-3-10', '', '10.03.2026', '2026-03-10T00:00:00Z', '1899-12-31', '2101-01-01'];
const BAD_UUIDS = ['not-a-uuid', '', '123', `${ID}0`, ID.replace(/-/g, ''), 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', ID.slice(1)];
const BAD_JSON = [
  '{',
  '{"on": 2026-03-10}',
  "{'on': '2026-03-10'}",
  '{"on": "2026-03-10",}',
  'undefined',
  'NaN',
  '[1, 2',
  '{"a": {"b": }}',
  '\u0000',
  'true false',
];

const MUTATIONS = [
  'wrong_type',
  'missing',
  'unknown_field',
  'huge_string',
  'invalid_date',
  'invalid_uuid',
  'null',
  'array_for_object',
  'nested_garbage',
  'invalid_json',
  'any_json',
] as const;

/** One mutation: its kind, where it applies (`at`, modulo the candidates) and the material it needs. */
interface Mutation {
  kind: (typeof MUTATIONS)[number];
  at: number;
  pick: number;
  size: number;
  garbage: Json;
}

const json = fc.jsonValue() as fc.Arbitrary<Json>;
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  pick: fc.nat(),
  size: fc.integer({ min: 5001, max: 150_000 }),
  garbage: fc.oneof(fc.dictionary(fc.string(), json), fc.array(json), json),
});

const choose = <T>(list: T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);

/** The request body (a value to send as JSON, or raw text) after the mutation; undefined if it does not apply. */
function mutate(sample: { [key: string]: Json }, m: Mutation): { json: Json } | { text: string } | undefined {
  const all = nodes(sample);
  const under = (filter: (n: { path: Path; value: Json }) => boolean, replace: (old: Json) => Json | undefined) => {
    const target = choose(all.filter(filter), m.at);
    return target && { json: set(sample, target.path, replace) };
  };
  switch (m.kind) {
    case 'wrong_type':
      return under(
        (n) => n.path.length > 0,
        (old) => wrongType(old, m.pick),
      );
    case 'missing':
      return under(
        (n) => typeof lastKey(n.path) === 'string',
        () => undefined,
      );
    case 'unknown_field':
      return under(
        (n) => isObject(n.value),
        (old) => ({ ...(old as object), [`x_${m.pick % 1000}`]: m.pick }),
      );
    case 'huge_string':
      return under(
        (n) => typeof n.value === 'string',
        () => 'x'.repeat(m.size),
      );
    case 'invalid_date':
      return under(
        (n) => isDateKey(lastKey(n.path)),
        () => BAD_DATES[m.pick % BAD_DATES.length],
      );
    case 'invalid_uuid':
      return under(
        (n) => isIdKey(lastKey(n.path)),
        () => BAD_UUIDS[m.pick % BAD_UUIDS.length],
      );
    case 'null':
      return under(
        (n) => n.path.length > 0,
        () => null,
      );
    case 'array_for_object':
      return under(
        (n) => isObject(n.value),
        (old) => [old],
      );
    case 'nested_garbage':
      // Where an object belongs; its DTO has required fields, so no garbage can stand in for it.
      return under(
        (n) => isObject(n.value),
        () => m.garbage,
      );
    case 'invalid_json': {
      // A proper prefix of an object's JSON text is never valid JSON.
      const text = JSON.stringify(sample);
      return { text: m.pick % 2 === 0 ? BAD_JSON[m.pick % BAD_JSON.length] : text.slice(0, 1 + (m.at % (text.length - 1))) };
    }
    case 'any_json':
      return { json: m.garbage };
  }
}

const countEvents = async (t: TestApp) => {
  let n = 0;
  for await (const _ of t.store.readAll()) n++;
  return n;
};

describe('case endpoints under malformed input', () => {
  let t: TestApp;
  let token: string;
  let caseId: string;
  const endpoints: { name: string; path: () => string; sample: { [key: string]: Json } }[] = [
    { name: 'RegisterPerson', path: () => '/api/v1/people', sample: PERSON_SAMPLE },
    ...(Object.keys(SAMPLES) as CaseCommandType[]).map((type) => ({ name: type, path: () => casePath(caseId, type), sample: SAMPLES[type] })),
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    const facility = await t.request('POST', '/api/v1/facilities', {
      token: admin,
      body: {
        name: 'Bolig Nu',
        kind: 'temporary_housing',
        municipality: 'Bodø',
        targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
        maxStayDays: 90,
        exclusionReasons: ['violence_or_threats'],
      },
    });
    // A team lead passes every route's role check, so each body reaches validation.
    const grants = [{ role: 'team_lead', facilityIds: [facility.body.id] }];
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'fuzz.lead', displayName: 'Lead', password: 'a long enough password', grants },
    });
    token = await t.login('fuzz.lead', 'a long enough password');
    const person = await t.request('POST', '/api/v1/people', { token, body: PERSON_SAMPLE });
    const referral = await t.request('POST', '/api/v1/cases', {
      token,
      body: { ...SAMPLES.RegisterReferral, personId: person.body.id, facilityId: facility.body.id },
    });
    expect(referral.status).toBe(201);
    caseId = referral.body.id;
  });
  afterAll(() => t.close());

  it('starts from bodies that pass validation (so every mutation below is what makes them invalid)', async () => {
    // A valid body gets past validation to the service: 404 for a case that does not exist, 403 for a
    // referral to a facility the team lead is not assigned to.
    const missing = '0b7e7f3c-1d2e-4f50-8a9b-0c1d2e3f4a5b';
    for (const type of Object.keys(SAMPLES) as CaseCommandType[]) {
      const res = await t.request('POST', casePath(missing, type), { token, body: SAMPLES[type] });
      expect({ type, status: res.status, errors: res.body.fields }).toEqual({ type, status: type === 'RegisterReferral' ? 403 : 404, errors: undefined });
    }
  });

  it('answers 1,000 malformed bodies with 4xx problem+json, and writes nothing', async () => {
    const before = await countEvents(t);
    const cases = fc.sample(fc.record({ endpoint: fc.nat({ max: endpoints.length - 1 }), mutation: mutationArb }), { numRuns: 1000, seed: 20260310 });
    const results: { name: string; kind: string; res: HttpResult }[] = [];
    const send = async ({ endpoint, mutation }: (typeof cases)[number]) => {
      const { name, path, sample } = endpoints[endpoint];
      const body = mutate(sample, mutation) ?? { json: wrongType(sample, endpoint) };
      const res = await t.request('POST', path(), {
        token,
        body: 'text' in body ? body.text : JSON.stringify(body.json),
        headers: { 'content-type': 'application/json' },
      });
      results.push({ name, kind: mutation.kind, res });
    };
    for (let i = 0; i < cases.length; i += 25) await Promise.all(cases.slice(i, i + 25).map(send));

    const unexpected = results.filter(
      ({ res }) => res.status < 400 || res.status >= 500 || !/^application\/problem\+json/.test(res.headers.get('content-type') ?? ''),
    );
    expect(unexpected.map(({ name, kind, res }) => ({ name, kind, status: res.status, body: res.body }))).toEqual([]);
    expect(results).toHaveLength(1000);
    expect(await countEvents(t)).toBe(before);
  }, 60_000);
});
