/**
 * Where a person went on moving out, and the category the US HMIS standard groups destinations into,
 * so that outcome reports ("of 68: 4 to municipal housing, 20 to private housing, 7 transit ...")
 * and returns-to-homelessness can be counted the same way everywhere.
 */
export const DESTINATIONS = [
  'municipal_housing',
  'private_rental',
  'own_home',
  'transit',
  'institution',
  'other_municipality',
  'shelter_or_guesthouse',
  'unknown',
  'deceased',
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const DESTINATION_CATEGORIES = ['permanent', 'temporary', 'institutional', 'homeless', 'other'] as const;
export type DestinationCategory = (typeof DESTINATION_CATEGORIES)[number];

const CATEGORY: Readonly<Record<Destination, DestinationCategory>> = {
  municipal_housing: 'permanent',
  private_rental: 'permanent',
  own_home: 'permanent',
  transit: 'temporary',
  // Bolig Nu counted "establishment in another municipality" among its transit stays: we know the
  // person left, not that they were housed for good, so it is temporary rather than permanent.
  other_municipality: 'temporary',
  institution: 'institutional',
  shelter_or_guesthouse: 'homeless', // hospits/pensjonat: the guesthouse nights Bolig Nu replaced
  unknown: 'other',
  deceased: 'other',
};

export function destinationCategory(destination: Destination): DestinationCategory {
  return CATEGORY[destination];
}
