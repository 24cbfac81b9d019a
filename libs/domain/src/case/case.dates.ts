import { isIsoDate, IsoDate } from '../shared/dates';
import { Decision, reject } from '../shared/decider';

/**
 * The dates a command carries. Date fields are named `on`, `from`, `date`, `…On` or `…Date` (birthDate,
 * startsOn, expiresOn, ...); each is either a fact (something that has happened: the day of the step,
 * when the person was told, when an appeal came in) or a plan (a day ahead by nature). A fact may not
 * lie after the municipality's today; a plan may.
 */
const isDateField = (name: string) => name === 'on' || name === 'from' || name === 'date' || /[a-z](On|Date)$/.test(name);

/** Dotted paths of the date fields that are plans: an offer's last day to answer, an agreement's term, planned ends. */
export const PLANNED_DATE_FIELDS: readonly string[] = [
  'expiresOn', // OfferUnit: the last day to accept
  'plannedEndOn', // StartMapping
  'effectiveOn', // DecideExclusion: the day the exclusion takes effect may be ahead
  'endsOn', // ExtendAgreement, ConvertToLease
  'leaseStartsOn', // ConvertToLease: the lease may start after the conversion is agreed
  'agreement.startsOn', // MoveIn: the agreement's term
  'agreement.endsOn',
  'consent.expiresOn', // RegisterReferral: the last day the consent holds (RenewConsent's is `expiresOn` above)
];

function dateFields(value: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((item, i) => dateFields(item, `${path}${i}.`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, field]) => [
    ...(isDateField(name) && field !== undefined ? ([[`${path}${name}`, field]] as Array<[string, unknown]>) : []),
    ...dateFields(field, `${path}${name}.`),
  ]);
}

/** The first date field that is not a calendar date. */
export function firstInvalidDate(command: object): string | undefined {
  return dateFields(command).find(([, value]) => !isIsoDate(value))?.[0];
}

/** A fact dated after today is refused: only what has happened is recorded (plans excepted). */
export function futureFact(command: object, today: IsoDate): Decision<never> | undefined {
  const found = dateFields(command).find(([path, value]) => !PLANNED_DATE_FIELDS.includes(path) && (value as string) > today);
  if (!found) return undefined;
  const [field, date] = found;
  return reject('command.date_in_future', `${field} (${String(date)}) is after today (${today}): only what has happened is recorded`, {
    field,
    details: { date: String(date), today },
  });
}
