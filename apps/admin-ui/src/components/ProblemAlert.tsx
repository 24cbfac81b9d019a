import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KEY_REUSED, NO_ANSWER, type ApiError } from '../api/client';
import { useFieldText } from '../forms/field-text';
import { fieldRuleText, problemText, problemTitle } from '../i18n/problem-text';

/** The field a dotted path ends in (`actionPlan.0.goal` → `goal`), whose label names it. */
export const fieldName = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop() ?? path;

/**
 * The API's problem+json in the user's words, from its codes only (never its English title or detail):
 * a broken rule by its code, invalid fields each by its label and constraint (also shown at the field),
 * anything else by its type or status. `context` is the command whose form it answers (field labels).
 */
export function ProblemAlert({ error, context }: { error: ApiError; context?: string }) {
  const { t, i18n } = useTranslation();
  const text = useFieldText(context);
  const exists = (k: string) => i18n.exists(k);
  const p = error.problem;
  // Red as every other problem (Mantine's light orange title fails WCAG contrast); the words tell it apart.
  if (p.type === NO_ANSWER) {
    return (
      <Alert color="red" title={t('form.noAnswerTitle')} role="alert">
        {t('form.noAnswer')}
      </Alert>
    );
  }
  // A form changed after an answer was lost: its first sending was recorded, and the form keeps its key.
  if (p.type === KEY_REUSED) {
    return (
      <Alert color="red" title={t('form.alreadySentTitle')} role="alert">
        {t('form.alreadySent')}
      </Alert>
    );
  }
  const fields = p.fields ?? [];
  const title = p.rule ? t('case.ruleTitle') : fields.length ? t('form.invalid') : problemTitle(t, exists, p);
  return (
    <Alert color="red" title={title} role="alert" data-problem={p.type} data-rule={p.rule}>
      {fields.length === 0 && problemText(t, exists, p)}
      {fields.length > 0 && (
        <List size="sm">
          {fields.map((f, i) => {
            const label = text.label(fieldName(f.field));
            return <List.Item key={i}>{`${label}: ${fieldRuleText(t, f, label)}`}</List.Item>;
          })}
        </List>
      )}
    </Alert>
  );
}
