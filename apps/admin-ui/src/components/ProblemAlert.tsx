import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { problemText } from '../i18n/problem-text';

/** The API's problem+json in words: a broken rule names it, invalid fields are listed (and shown inline too). */
export function ProblemAlert({ error }: { error: ApiError }) {
  const { t, i18n } = useTranslation();
  const p = error.problem;
  const title = p.rule ? t('case.ruleTitle') : p.fields?.length ? t('form.invalid') : p.title;
  return (
    <Alert color="red" title={title} role="alert">
      {problemText(t, (k) => i18n.exists(k), p)}
      {p.rule && <div><code>{p.rule}</code></div>}
      {p.fields && p.fields.length > 0 && (
        <List size="sm">{p.fields.map((f, i) => <List.Item key={i}>{`${f.field}: ${f.message}`}</List.Item>)}</List>
      )}
    </Alert>
  );
}
