import i18next from 'i18next';
import nb from '../i18n/nb.json';
import { streamWords } from '../i18n/code-words';
import { leafChanges, pathWords, valueWords } from './replay-words';

describe('replay changes in words', () => {
  const i18n = i18next.createInstance();
  beforeAll(() => i18n.init({ resources: { nb: { translation: nb } }, lng: 'nb', interpolation: { escapeValue: false } }));
  const words = (v: unknown) => valueWords(i18n.t, (k) => i18n.exists(k), 'nb', v);

  it('splits a record that changed into its plain values, leaving out what stayed the same or stayed empty', () => {
    const changes = leafChanges([
      { path: 'waitingList', before: null, after: { facilityId: 'f', priority: 2 } },
      { path: 'actionPlan', before: [], after: [{ goal: 'Bolig' }] },
      { path: 'contactPersons', before: [], after: [] },
      { path: 'status', before: 'offer_accepted', after: 'resident' },
    ]);
    expect(changes).toEqual([
      { path: ['waitingList', 'facilityId'], before: undefined, after: 'f' },
      { path: ['waitingList', 'priority'], before: undefined, after: 2 },
      { path: ['actionPlan', '0', 'goal'], before: undefined, after: 'Bolig' },
      { path: ['status'], before: 'offer_accepted', after: 'resident' },
    ]);
  });

  it('names state fields by their labels, ids short and list items by number', () => {
    expect(pathWords(i18n.t, ['waitingList', 'priority'])).toBe(`${nb.stateField.waitingList} › ${nb.field.priority}`);
    expect(pathWords(i18n.t, ['decisions', 'e5f9ed27-911f-46c0-abaf-da1bc80a829e', 'legalBasis'])).toBe(
      `${nb.stateField.decisions} › id …829e › ${nb.field.legalBasis}`,
    );
    expect(pathWords(i18n.t, ['actionPlan', '0', 'goal'])).toBe(`${nb.field.actionPlan} › 1 › ${nb.field.goal}`);
  });

  it('says values in words: codes by name, days as dd.mm.yyyy, yes and no, ids short, lists joined', () => {
    expect(words('resident')).toBe(nb.status.resident);
    expect(valueWords(i18n.t, (k) => i18n.exists(k), 'nb', 'accepted', 'status')).toBe(nb.status.accepted);
    expect(words('temporary_housing')).toBe(nb.enum.temporary_housing);
    expect(words('MovedIn')).toBe(nb.events.MovedIn);
    expect(words('decision.notice.right_to_appeal')).toBe(nb.code.decision.notice.right_to_appeal);
    expect(words('2026-04-05')).toBe('05.04.2026');
    expect(words(true)).toBe('Ja');
    expect(words('d7774eca-c6fa-42cc-a917-aa8ce6d3c007')).toBe('id …c007');
    expect(words(['Ola', 'Kari'])).toBe('Ola, Kari');
    expect(words([])).toBe('ingen');
    expect(words(null)).toBe('—');
  });

  it('names an event stream by its kind and the end of its id', () => {
    expect(streamWords(i18n.t, 'case-d7774eca-c6fa-42cc-a917-aa8ce6d3c007')).toBe(`${nb.streamKind.case} id …c007`);
    expect(streamWords(i18n.t, 'referral-claim-92a5cb67-5381-4d56-b444-03f7159628e5-2466b')).toBe(`${nb.streamKind.referral} id …466b`);
    expect(streamWords(i18n.t, 'system-setup')).toBe(nb.streamKind.system);
  });
});
