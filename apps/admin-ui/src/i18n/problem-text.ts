import type { TFunction } from 'i18next';

/** The part of the API's problem+json a message is made from (plain .ts: the Node tests import it). */
interface ProblemCodes {
  readonly type?: string;
  readonly status?: number;
  readonly rule?: string;
  readonly details?: Record<string, unknown>;
  /** The API's English text: taken so a whole problem can be passed, and never shown. */
  readonly detail?: string;
}

type Exists = (key: string) => boolean;

/** The `problem.*` key for a status: its own sentence, or the one for any other. */
const byStatus = (section: string, status: number | undefined, exists: Exists) =>
  exists(`problem.${section}.${status}`) ? `problem.${section}.${status}` : `problem.${section}.other`;

/**
 * A problem in the user's language, from its codes only: the API's `title` and `detail` are English and
 * are never shown. A broken rule (`rule`) is translated by its code (`rules.<code>`, with the rule's
 * `details` as parameters; a `step` detail names an event type, shown by the event's name); another
 * problem by its type (`problem.type.<name>` for `urn:problem:<name>`), else by its HTTP status.
 */
export function problemText(t: TFunction, i18nExists: Exists, problem: ProblemCodes): string {
  if (problem.rule && i18nExists(`rules.${problem.rule}`)) {
    const step = problem.details?.step;
    const named = typeof step === 'string' && i18nExists(`events.${step}`) ? { step: t(`events.${step}`) } : {};
    return t(`rules.${problem.rule}`, { ...problem.details, ...named });
  }
  const type = problem.type?.startsWith('urn:problem:') ? `problem.type.${problem.type.slice('urn:problem:'.length)}` : undefined;
  if (!problem.rule && type && i18nExists(type)) return t(type);
  return t(byStatus('status', problem.status, i18nExists));
}

/** A short heading for a problem, by its status, in the user's language. */
export const problemTitle = (t: TFunction, i18nExists: Exists, problem: ProblemCodes): string => t(byStatus('title', problem.status, i18nExists));

/** The API's constraint codes (class-validator's, and the API's own validators) → the `check.*` message. */
const FIELD_RULES: Readonly<Record<string, string>> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  isIn: 'choose',
  maxLength: 'maxLength',
  minLength: 'minLength',
  isLength: 'length',
  max: 'max',
  min: 'min',
  arrayMaxSize: 'maxItems',
  isInt: 'integer',
  isNumber: 'number',
  isCalendarDate: 'date',
  isISO8601: 'dateTime',
  matches: 'characters',
  arrayUnique: 'unique',
  isUrl: 'url',
  isEmail: 'email',
  isNorwegianIdentityNumber: 'identityNumber',
  unknownField: 'unknownField',
};

/** A label inside a sentence ("Velg type"): lower-case, unless it starts with an abbreviation (NAV). */
const inSentence = (label: string) => (/^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase() + label.slice(1));

/**
 * What is wrong with one field, in the user's language: by the constraint's code (`rule`) and its
 * limits (`params`: max, min…), with the field's label where the sentence names it. The same words for
 * the form's own checks (forms/schema-checks.ts) and the API's 400 `fields[]`.
 */
export function fieldRuleText(t: TFunction, rule: { rule: string; params?: Record<string, unknown> | null }, label: string): string {
  const check = FIELD_RULES[rule.rule] ?? rule.rule;
  const params = { ...(rule.params ?? {}), label: inSentence(label) };
  return t([`check.${check}`, 'check.invalid'], params);
}
