import { useState } from 'react';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type Query } from '../api/client';
import { downloadWithToken, type DownloadProgress } from '../api/download';
import { formatNumber } from '../util/numbers';
import { QueryState } from './QueryState';

interface Props {
  path: string;
  query?: Query;
  fallbackName: string;
  label: string;
  /** Distinguishes several buttons on one page (ids of the status region). */
  id: string;
}

const kB = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

/** A download that needs the token: a button, then a progress bar and a status screen readers hear. */
export function DownloadButton({ path, query = {}, fallbackName, label, id }: Props) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = progress !== null;

  const start = async () => {
    setSaved(null);
    setError(null);
    setProgress({ received: 0, total: null });
    try {
      setSaved(await downloadWithToken(path, query, fallbackName, setProgress));
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setProgress(null);
    }
  };

  const percent = progress?.total ? Math.min(100, Math.round((progress.received / progress.total) * 100)) : null;
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Button variant="default" onClick={() => void start()} loading={busy} aria-describedby={`${id}-status`}>
          {label}
        </Button>
      </Group>
      {busy && (
        <Progress value={percent ?? 100} striped={percent === null} animated={percent === null} aria-label={t('download.progress', { label })} w={260} />
      )}
      <Text size="sm" id={`${id}-status`} role="status" aria-live="polite" data-testid={`${id}-status`}>
        {busy
          ? percent === null
            ? t('download.running', { kb: formatNumber(kB(progress.received), i18n.language) })
            : t('download.percent', { percent })
          : saved
            ? t('download.saved', { name: saved })
            : ''}
      </Text>
      <QueryState isLoading={false} error={error} />
    </Stack>
  );
}
