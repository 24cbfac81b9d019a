import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KEY_REUSED, NO_ANSWER, type ApiError } from '../api/client';
import { problemText } from '../i18n/problem-text';

/** The API's problem+json in words: a broken rule names it, invalid fields are listed (and shown inline too). */
export function ProblemAlert({ error }: { error: ApiError }) {
  const { t, i18n } = useTranslation();
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
  const title = p.rule ? t('case.ruleTitle') : p.fields?.length ? t('form.invalid') : p.title;
  return (
    <Alert color="red" title={title} role="alert">
      {problemText(t, (k) => i18n.exists(k), p)}
      {p.rule && (
        <div>
          <code>{p.rule}</code>
        </div>
      )}
      {p.fields && p.fields.length > 0 && (
        <List size="sm">
          {p.fields.map((f, i) => (
            <List.Item key={i}>{`${f.field}: ${f.message}`}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
