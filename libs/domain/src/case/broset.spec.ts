import { BROSET_ITEMS, brosetBand, BrosetChecklist, scoreBroset } from './broset';

const none: BrosetChecklist = {
  confused: false,
  irritable: false,
  boisterous: false,
  verbalThreats: false,
  physicalThreats: false,
  attackingObjects: false,
};
const withItems = (count: number): BrosetChecklist => Object.fromEntries(BROSET_ITEMS.map((item, i) => [item, i < count])) as BrosetChecklist;

describe('Brøset Violence Checklist', () => {
  it('scores 0 as low', () => {
    expect(scoreBroset(none)).toEqual({ score: 0, band: 'low' });
  });
  it.each([1, 2])('scores %i as moderate', (count) => {
    expect(scoreBroset(withItems(count))).toEqual({ score: count, band: 'moderate' });
  });
  it.each([3, 4, 5, 6])('scores %i as high', (count) => {
    expect(scoreBroset(withItems(count))).toEqual({ score: count, band: 'high' });
  });
  it('counts each of the six behaviours', () => {
    for (const item of BROSET_ITEMS) expect(scoreBroset({ ...none, [item]: true }).score).toBe(1);
  });
  it('counts a missing item as absent', () => {
    expect(scoreBroset({ irritable: true })).toEqual({ score: 1, band: 'moderate' });
  });
  it('bands scores at the edges', () => {
    expect([0, 1, 2, 3].map(brosetBand)).toEqual(['low', 'moderate', 'moderate', 'high']);
  });
});
