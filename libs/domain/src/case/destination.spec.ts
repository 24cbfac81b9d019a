import { DESTINATIONS, destinationCategory } from './destination';

describe('exit destinations', () => {
  it.each([
    ['municipal_housing', 'permanent'],
    ['private_rental', 'permanent'],
    ['own_home', 'permanent'],
    ['transit', 'temporary'],
    ['other_municipality', 'temporary'],
    ['institution', 'institutional'],
    ['shelter_or_guesthouse', 'homeless'],
    ['unknown', 'other'],
    ['deceased', 'other'],
  ] as const)('%s is %s', (destination, category) => {
    expect(destinationCategory(destination)).toBe(category);
  });
  it('has a category for every destination', () => {
    for (const destination of DESTINATIONS) expect(destinationCategory(destination)).toBeDefined();
  });
});
