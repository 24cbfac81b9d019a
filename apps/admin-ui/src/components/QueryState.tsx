import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

/** Loading and error states of a query, said the same way on every page. */
export function QueryState({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  const { t } = useTranslation();
  // A role, so the label is allowed (axe: aria-prohibited-attr) and screen readers hear that it loads.
  if (isLoading) return <Loader size="sm" role="status" aria-label={t('app.loading')} />;
  if (error instanceof ApiError) return <ProblemAlert error={error} />;
  if (error)
    return (
      <Alert color="red" role="alert">
        {t('app.error')}
      </Alert>
    );
  return null;
}
