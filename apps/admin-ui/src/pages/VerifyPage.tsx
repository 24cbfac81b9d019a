import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { startVerification, useVerification } from '../api/endpoints';
import type { VerificationReport } from '../api/types';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { VerificationFindings } from '../components/VerificationFindings';
import { VerificationProgress } from '../components/VerificationProgress';
import { formatDateTime } from '../util/dates';

export function VerifyPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Reached from a case's replay with ?stream=case-…: that chain is checked at once.
  const [params] = useSearchParams();
  const [stream, setStream] = useState(params.get('stream') ?? '');
  const [jobId, setJobId] = useState<string | null>(null);
  // The check runs as a job on the server (a long log takes minutes): started here, then polled.
  const start = useMutation({
    mutationFn: () => startVerification(stream.trim() || undefined),
    onSuccess: (started) => {
      queryClient.setQueryData(['verification', started.id], started);
      setJobId(started.id);
    },
  });
  const poll = useVerification(jobId);
  const given = params.get('stream');
  const { mutate } = start;
  useEffect(() => {
    if (given) mutate();
  }, [given, mutate]);
  const job = poll.data;
  const running = start.isPending || job?.state === 'running';
  // Jobs live in the server's memory: after a restart (or long after it ended) the job is gone.
  const gone = poll.error instanceof ApiError && poll.error.status === 404;
  const r = job?.state === 'done' ? job.report : undefined;
  return (
    <>
      <PageTitle>{t('audit.verifyTitle')}</PageTitle>
      <Text mb="md">{t('audit.verifyHelp')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <Group align="end" mb="md">
          <TextInput id="verify-stream" label={t('audit.stream')} value={stream} onChange={(e) => setStream(e.currentTarget.value)} w={380} />
          <Button type="submit" loading={running}>
            {t('audit.verify')}
          </Button>
        </Group>
      </form>
      {job && !gone && <VerificationProgress job={job} />}
      {/* A status screen readers announce, kept mounted so they do. */}
      <Text size="sm" role="status" aria-live="polite" mb="sm">
        {running ? t('audit.verifying') : ''}
      </Text>
      <QueryState isLoading={false} error={start.error ?? (gone ? null : poll.error)} />
      {gone && (
        <Alert color="yellow" role="alert" data-testid="verify-gone">
          {t('verification.gone')}
        </Alert>
      )}
      {job?.state === 'failed' && (
        <Alert color="red" role="alert" title={t('verification.failedTitle')} data-testid="verify-failed">
          {t(`verification.failure.${job.failure ?? 'error'}`)}
        </Alert>
      )}
      {r &&
        (r.ok ? (
          <Alert color="green" role="status">
            {t('audit.ok', { streams: r.streams, events: r.events })}
          </Alert>
        ) : (
          <Alert color="red" role="alert" title={t('audit.broken')}>
            <VerificationFindings report={r} />
          </Alert>
        ))}
      {r && <SealsStatus report={r} />}
    </>
  );
}

/** What the signed seals cover, or plainly that the log is not sealed. */
function SealsStatus({ report }: { report: VerificationReport }) {
  const { t, i18n } = useTranslation();
  const s = report.seals;
  const latest = s.latest;
  switch (s.status) {
    case 'not_configured':
      return (
        <Alert color="yellow" mt="md" data-testid="verify-seals">
          {t('audit.seals.notConfigured')}
        </Alert>
      );
    case 'none':
      return (
        <Text mt="md" data-testid="verify-seals">
          {t('audit.seals.none')}
        </Text>
      );
    case 'unverifiable':
      return (
        <Alert color="yellow" mt="md" data-testid="verify-seals">
          {t('audit.seals.unverifiable', { count: s.count })}
        </Alert>
      );
    case 'broken':
      return (
        <Text mt="md" data-testid="verify-seals">
          {t('audit.seals.broken', { count: s.count })}
        </Text>
      );
    case 'verified':
      return (
        <Text mt="md" data-testid="verify-seals">
          {t('audit.seals.verified', {
            count: s.count,
            sequence: latest?.sequence ?? 0,
            events: latest?.events ?? 0,
            sealedAt: latest ? formatDateTime(latest.sealedAt, i18n.language) : '',
          })}
          {s.eventsAfterLatest !== undefined && s.eventsAfterLatest > 0 && ` ${t('audit.seals.unsealed', { count: s.eventsAfterLatest })}`}
        </Text>
      );
  }
}
