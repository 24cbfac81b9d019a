import { PersonDetails } from '../person/person.decider';
import { addDays, addYears, IsoDate } from '../shared/dates';
import { synthesizeIdentityNumber } from '../shared/identity-number';
import { SeededRandom } from './random';

/**
 * Made-up people: Norwegian-sounding names drawn from common first and family names, mixed genders,
 * and identity numbers made by synthesizeIdentityNumber (valid check digits, never a real person's).
 */
export type ScenarioGender = PersonDetails['gender'];

export const MALE_NAMES: readonly string[] = [
  'Ole',
  'Lars',
  'Kjetil',
  'Tor',
  'Geir',
  'Rune',
  'Stian',
  'Espen',
  'Morten',
  'Jonas',
  'Henrik',
  'Sindre',
  'Eirik',
  'Terje',
  'Vegard',
  'Anders',
  'Trond',
  'Bjørn',
  'Knut',
  'Håkon',
  'Magnus',
  'Even',
  'Arild',
  'Frode',
  'Jørgen',
  'Petter',
  'Sondre',
  'Øyvind',
  'Roar',
  'Kristoffer',
  'Ståle',
  'Tommy',
  'Robin',
  'Glenn',
  'Ronny',
  'Andreas',
  'Mats',
  'Steinar',
  'Svein',
  'Erlend',
];
export const FEMALE_NAMES: readonly string[] = [
  'Kari',
  'Ingrid',
  'Silje',
  'Hanne',
  'Marte',
  'Tone',
  'Line',
  'Camilla',
  'Ida',
  'Nina',
  'Heidi',
  'Kristin',
  'Solveig',
  'Anette',
  'Mona',
  'Randi',
  'Linn',
  'Thea',
  'Sigrid',
  'Tonje',
  'Hege',
  'Ragnhild',
  'Vibeke',
  'Mari',
];
export const NEUTRAL_NAMES: readonly string[] = ['Kim', 'Robin', 'Eli', 'Sol', 'Kai', 'Alex'];
export const FAMILY_NAMES: readonly string[] = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Eide',
  'Knutsen',
  'Martinsen',
  'Paulsen',
  'Bakken',
  'Kristoffersen',
  'Mathisen',
  'Lie',
  'Amundsen',
  'Lunde',
  'Solheim',
  'Berge',
  'Nygård',
  'Bakke',
  'Myhre',
  'Holm',
  'Aasen',
  'Fredriksen',
  'Sandvik',
  'Hovland',
  'Nordli',
  'Vik',
  'Brekke',
  'Tveit',
  'Sæther',
];

export const firstNamesOf = (gender: ScenarioGender): readonly string[] =>
  gender === 'male' ? MALE_NAMES : gender === 'female' ? FEMALE_NAMES : NEUTRAL_NAMES;

/** Mostly men, some women, a few neither (as in the seed texts' populations). */
export const drawGender = (r: SeededRandom): ScenarioGender => (r.chance(0.68) ? 'male' : r.chance(0.94) ? 'female' : 'other');

export interface PersonWish {
  readonly gender?: ScenarioGender;
  /** Age on `today`; drawn from 19–60 when not given (so everyone was 18 or more at a referral up to a year ago). */
  readonly age?: number;
  /** An exact birth date (e.g. someone who had just turned 18 when referred). */
  readonly birthDate?: IsoDate;
}

export interface ScenarioPerson {
  /** The scenario's own name for the person, so two cases can share one person. */
  readonly key: string;
  readonly details: PersonDetails;
  readonly label: string;
  /** Set by whoever registers the person. */
  personId?: string;
}

/** Makes each person once, in the order asked for, with unique names and identity numbers; the same seed always gives the same people. */
export class PeopleFactory {
  private readonly usedNames = new Set<string>();
  private readonly usedNumbers = new Set<string>();
  private readonly people = new Map<string, ScenarioPerson>();

  constructor(
    private readonly random: SeededRandom,
    private readonly today: IsoDate,
  ) {}

  get(key: string, wish: PersonWish = {}): ScenarioPerson {
    const known = this.people.get(key);
    if (known) return known;
    const person = this.make(key, wish);
    this.people.set(key, person);
    return person;
  }

  all(): ScenarioPerson[] {
    return [...this.people.values()];
  }

  private make(key: string, wish: PersonWish): ScenarioPerson {
    const r = this.random;
    const gender = wish.gender ?? drawGender(r);
    let givenName: string;
    let familyName: string;
    do {
      givenName = r.pick(firstNamesOf(gender));
      familyName = r.pick(FAMILY_NAMES);
    } while (this.usedNames.has(`${givenName} ${familyName}`));
    this.usedNames.add(`${givenName} ${familyName}`);

    const age = wish.age ?? r.int(19, 60);
    const birthDate = wish.birthDate ?? addDays(addYears(this.today, -age), -r.int(1, 364));
    let seed = r.int(0, 400);
    let identityNumber = synthesizeIdentityNumber(birthDate, seed);
    while (this.usedNumbers.has(identityNumber)) identityNumber = synthesizeIdentityNumber(birthDate, ++seed);
    this.usedNumbers.add(identityNumber);

    return { key, label: `${givenName} ${familyName}`, details: { givenName, familyName, birthDate, identityNumber, gender } };
  }
}
