import type { TFunction } from 'i18next';

/** The part of the API's problem+json a rule message is made from (plain .ts: the Node tests import it). */
interface RuleProblem {
  readonly rule?: string;
  readonly detail?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * A broken domain rule in the user's language: the API names the rule (`rule`) and keeps its English
 * text in `detail`; the UI translates by the rule's code (`rules.<code>`, with the rule's `details` as
 * parameters) and shows the API's text for a code it has no translation for yet. A `step` detail
 * names an event type (the earlier step a date may not precede) and is shown by the event's name.
 */
export function problemText(t: TFunction, i18nExists: (key: string) => boolean, problem: RuleProblem): string | undefined {
  if (problem.rule && i18nExists(`rules.${problem.rule}`)) {
    const step = problem.details?.step;
    const named = typeof step === 'string' && i18nExists(`events.${step}`) ? { step: t(`events.${step}`) } : {};
    return t(`rules.${problem.rule}`, { ...problem.details, ...named });
  }
  return problem.detail ?? problem.rule;
}
