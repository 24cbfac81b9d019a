import { addDays, addYears, IsoDate, PersonDetails, synthesizeIdentityNumber } from '@app/domain';
import { DemoRandom } from './demo-random';

/**
 * Fake people for the demo: Norwegian-sounding names drawn from common first and family names, ages
 * 18–60, mixed genders, and identity numbers made by synthesizeIdentityNumber. Nobody here is real.
 */
export type DemoGender = PersonDetails['gender'];

export interface PersonWish {
  readonly gender?: DemoGender;
  /** Age today; drawn from 19–60 when not given (so everyone was 18 or more at a referral up to a year ago). */
  readonly age?: number;
  /** An exact birth date (e.g. someone who had just turned 18 when referred). */
  readonly birthDate?: IsoDate;
}

export interface DemoPerson {
  /** The demo scenario's own name for the person, so two cases can share one person. */
  readonly key: string;
  readonly details: PersonDetails;
  readonly label: string;
  personId?: string;
}

const MALE = [
  'Ole', 'Lars', 'Kjetil', 'Tor', 'Geir', 'Rune', 'Stian', 'Espen', 'Morten', 'Jonas', 'Henrik', 'Sindre', 'Eirik', 'Terje',
  'Vegard', 'Anders', 'Trond', 'Bjørn', 'Knut', 'Håkon', 'Magnus', 'Even', 'Arild', 'Frode', 'Jørgen', 'Petter', 'Sondre',
  'Øyvind', 'Roar', 'Kristoffer', 'Ståle', 'Tommy', 'Robin', 'Glenn', 'Ronny', 'Andreas', 'Mats', 'Steinar', 'Svein', 'Erlend',
];
const FEMALE = [
  'Kari', 'Ingrid', 'Silje', 'Hanne', 'Marte', 'Tone', 'Line', 'Camilla', 'Ida', 'Nina', 'Heidi', 'Kristin', 'Solveig', 'Anette',
  'Mona', 'Randi', 'Linn', 'Thea', 'Sigrid', 'Tonje', 'Hege', 'Ragnhild', 'Vibeke', 'Mari',
];
const NEUTRAL = ['Kim', 'Robin', 'Eli', 'Sol', 'Kai', 'Alex'];
const FAMILY = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen',
  'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen',
  'Henriksen', 'Lund', 'Sørensen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen',
  'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen', 'Lunde', 'Solheim', 'Berge', 'Nygård',
  'Bakke', 'Myhre', 'Holm', 'Aasen', 'Fredriksen', 'Sandvik', 'Hovland', 'Nordli', 'Vik', 'Brekke', 'Tveit', 'Sæther',
];

/** Makes each person once, in the order asked for; the same seed always gives the same people. */
export class PeopleFactory {
  private readonly usedNames = new Set<string>();
  private readonly usedNumbers = new Set<string>();
  private readonly people = new Map<string, DemoPerson>();

  constructor(
    private readonly random: DemoRandom,
    private readonly today: IsoDate,
  ) {}

  get(key: string, wish: PersonWish = {}): DemoPerson {
    const known = this.people.get(key);
    if (known) return known;
    const person = this.make(key, wish);
    this.people.set(key, person);
    return person;
  }

  all(): DemoPerson[] {
    return [...this.people.values()];
  }

  private make(key: string, wish: PersonWish): DemoPerson {
    const r = this.random;
    const gender: DemoGender = wish.gender ?? (r.chance(0.68) ? 'male' : r.chance(0.94) ? 'female' : 'other');
    const firstNames = gender === 'male' ? MALE : gender === 'female' ? FEMALE : NEUTRAL;
    let givenName = '';
    let familyName = '';
    do {
      givenName = r.pick(firstNames);
      familyName = r.pick(FAMILY);
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
