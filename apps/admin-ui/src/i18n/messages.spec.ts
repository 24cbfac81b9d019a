import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { domainEventTypes, domainRuleCodes } from '../../../../test/support/domain-catalog';
import { THROTTLE_RULES } from '../../../api/src/platform/throttle/throttle-policy';
import { CASE_COMMAND_TYPES } from '@app/domain/case/case.decide';
import { fieldRuleText, problemText, problemTitle } from './problem-text';

const messages = Object.fromEntries(['nb', 'en'].map((lang) => [lang, JSON.parse(readFileSync(join(__dirname, `${lang}.json`), 'utf8'))])) as Record<
  'nb' | 'en',
  Record<string, Record<string, unknown>>
>;
const nbProblem = messages.nb.problem as Record<'type' | 'status' | 'title', Record<string, string>>;
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/**
 * The UI speaks the domain's words in both languages: every rule a decider can break and every event
 * type it records has a message, read from the domain's own source, so a new rule or event without
 * them fails here.
 */
describe('domain messages in bokmål and English', () => {
  const rules = domainRuleCodes();
  const events = domainEventTypes();

  it('finds the rules and events of every aggregate', () => {
    // Sanity of the enumeration itself: one rule per aggregate, a rule passed through a helper, and a multi-line reject.
    for (const code of [
      'move_in.contact_person_required',
      'follow_up.contact_mode_required',
      'agreement.temporary_max_3_months',
      'unit.out_of_service.in_use',
      'user.username_taken',
      'person.identity_number.taken',
      'facility.age_range',
    ]) {
      expect([code, rules.has(code)]).toEqual([code, true]);
    }
    expect(rules.size).toBeGreaterThanOrEqual(140);
    expect(events).toEqual(expect.arrayContaining(['ReferralRegistered', 'MovedIn', 'UnitOccupied', 'PersonalDataAccessed']));
  });

  it.each(['nb', 'en'] as const)('%s has a message for every rule code, with the same parameters in both languages', (lang) => {
    const missing = [...rules.keys()].filter((code) => typeof messages[lang].rules?.[code] !== 'string' || messages[lang].rules[code] === '');
    expect(missing).toEqual([]);
    const mismatched = [...rules.keys()].filter((code) => placeholders(messages.nb.rules[code]).join() !== placeholders(messages.en.rules[code]).join());
    expect(mismatched).toEqual([]);
  });

  it('uses the same parameters in bokmål and English for every message', () => {
    // The files are edited by hand; test/ui/contract.e2e-spec.ts checks they have the same keys.
    const flatten = (node: unknown, prefix = ''): Array<[string, unknown]> =>
      node && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, node]];
    const en = new Map(flatten(messages.en));
    const mismatched = flatten(messages.nb).filter(([key, text]) => en.has(key) && placeholders(text).join() !== placeholders(en.get(key)).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it.each(['nb', 'en'] as const)('%s names every event type', (lang) => {
    expect(events.filter((type) => typeof messages[lang].events?.[type] !== 'string')).toEqual([]);
  });

  it('translates a broken rule by its code with its details, and an unknown code by its status', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { nb: { translation: messages.nb }, en: { translation: messages.en } }, lng: 'nb', interpolation: { escapeValue: false } });
    const exists = (key: string) => i18n.exists(key);
    const minAge = {
      rule: 'referral.target_group.min_age',
      detail: 'The facility takes people from 18 years; the person is 17',
      details: { age: 17, minAge: 18 },
    };
    expect(problemText(i18n.t, exists, minAge)).toBe('Botiltaket tar imot personer fra 18 år. Personen er 17.');
    // A code that is also the start of another code (unit.out_of_service / unit.out_of_service.in_use) resolves to its own text.
    expect(problemText(i18n.t, exists, { rule: 'unit.out_of_service', detail: 'The unit is out of service' })).toBe('Boenheten er ute av drift.');
    expect(problemText(i18n.t, exists, { rule: 'unit.out_of_service.in_use', detail: 'x' })).toBe('Boenheten er bebodd eller holdt av.');
    // Never the API's English: a code the UI has not learnt yet is said by the problem's status.
    expect(problemText(i18n.t, exists, { rule: 'some.future_rule', status: 422, detail: 'A rule the UI has not learnt yet' })).toBe(nbProblem.status['422']);
    // The earlier step a date may not precede is named by its event, in the user's language.
    const order = { rule: 'case.step_order', detail: 'x', details: { date: '2026-03-01', notBefore: '2026-03-02', step: 'DecisionIssued' } };
    expect(problemText(i18n.t, exists, order)).toBe(
      `Datoen 2026-03-01 er før 2026-03-02, datoen for et tidligere steg i saken (${messages.nb.events.DecisionIssued}). Stegene i en sak må komme i rekkefølge.`,
    );
    await i18n.changeLanguage('en');
    expect(problemText(i18n.t, exists, minAge)).toBe('The facility takes people from 18 years; the person is 17.');
  });

  it("translates the login throttle's refusals (rules of the API, not the domain) with the wait, in both languages", async () => {
    for (const lang of ['nb', 'en'] as const) {
      for (const rule of THROTTLE_RULES) expect([lang, rule, placeholders(messages[lang].rules[rule])]).toEqual([lang, rule, ['retryAfterSeconds']]);
    }
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { nb: { translation: messages.nb } }, lng: 'nb', interpolation: { escapeValue: false } });
    const refused = {
      rule: 'auth.too_many_from_address',
      detail: 'Too many failed attempts from this address; try again in 30 seconds',
      details: { retryAfterSeconds: 30 },
    };
    expect(problemText(i18n.t, (key) => i18n.exists(key), refused)).toBe('For mange mislykkede forsøk fra denne nettverksadressen. Prøv igjen om 30 s.');
  });

  it.each(['nb', 'en'] as const)('%s names every case command (the buttons, the work queue, the audit log)', (lang) => {
    expect(CASE_COMMAND_TYPES.filter((type) => typeof messages[lang].command?.[type] !== 'string')).toEqual([]);
  });
});

describe('every problem the API answers, in the UI language by its codes', () => {
  const i18n = i18next.createInstance();
  beforeAll(() => i18n.init({ resources: { nb: { translation: messages.nb } }, lng: 'nb', interpolation: { escapeValue: false } }));
  const exists = (key: string) => i18n.exists(key);
  const problemUrns = () => {
    const api = join(__dirname, '../../../api/src');
    const files = (readdirSync(api, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const source = files.map((f) => readFileSync(join(api, f), 'utf8')).join();
    return [...new Set([...source.matchAll(/urn:problem:([a-z-]+[a-z])'/g)].map((m) => m[1]))].filter((name) => name !== 'rule');
  };

  it('has a sentence for every problem type the API writes', () => {
    const types = problemUrns();
    expect(types).toEqual(expect.arrayContaining(['concurrency-conflict', 'forbidden', 'invalid-json', 'store-unavailable']));
    expect(types.filter((name) => !exists(`problem.type.${name}`))).toEqual([]);
  });

  it('says a problem by its type, else by its status, never by its English detail', () => {
    expect(problemText(i18n.t, exists, { type: 'urn:problem:concurrency-conflict', status: 409 })).toBe(nbProblem.type['concurrency-conflict']);
    expect(problemText(i18n.t, exists, { type: 'urn:problem:http-404', status: 404 })).toBe(nbProblem.status['404']);
    expect(problemText(i18n.t, exists, { type: 'urn:problem:something-new', status: 418 })).toBe(nbProblem.status.other);
    expect(problemTitle(i18n.t, exists, { status: 503 })).toBe(nbProblem.title['503']);
  });

  it("words a field's constraint with its limits and the field's label", () => {
    expect(fieldRuleText(i18n.t, { rule: 'isIn', params: { values: ['a', 'b'] } }, 'Type')).toBe('Velg type');
    expect(fieldRuleText(i18n.t, { rule: 'isIn' }, 'NAV-kontor')).toBe('Velg NAV-kontor');
    expect(fieldRuleText(i18n.t, { rule: 'isDefined' }, 'Dato')).toBe('Feltet må fylles ut');
    expect(fieldRuleText(i18n.t, { rule: 'maxLength', params: { max: 2000 } }, 'Notat')).toBe('Høyst 2000 tegn');
    expect(fieldRuleText(i18n.t, { rule: 'isLength', params: { min: 1, max: 100 } }, 'Navn')).toBe('Mellom 1 og 100 tegn');
    expect(fieldRuleText(i18n.t, { rule: 'someFutureConstraint' }, 'Navn')).toBe(messages.nb.check.invalid);
  });
});
