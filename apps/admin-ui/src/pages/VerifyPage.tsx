import { useState } from 'react';
import { Alert, Button, Code, Group, Progress, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { verifyChains } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';

export function VerifyPage() {
  const { t } = useTranslation();
  const [stream, setStream] = useState('');
  const verify = useMutation({ mutationFn: () => verifyChains(stream.trim() || undefined) });
  const r = verify.data;
  return (
    <>
      <PageTitle>{t('audit.verifyTitle')}</PageTitle>
      <Text mb="md">{t('audit.verifyHelp')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); verify.mutate(); }}>
        <Group align="end" mb="md">
          <TextInput id="verify-stream" label={t('audit.stream')} value={stream} onChange={(e) => setStream(e.currentTarget.value)} w={380} />
          <Button type="submit" loading={verify.isPending}>{t('audit.verify')}</Button>
        </Group>
      </form>
      {/* The whole log can take a while: a moving bar, and a status screen readers announce (kept mounted so they do). */}
      {verify.isPending && <Progress value={100} striped animated aria-label={t('audit.verifying')} w={320} mb="xs" data-testid="verify-progress" />}
      <Text size="sm" role="status" aria-live="polite" mb="sm">{verify.isPending ? t('audit.verifying') : ''}</Text>
      <QueryState isLoading={false} error={verify.error} />
      {r && (r.ok ? (
        <Alert color="green" role="status">{t('audit.ok', { streams: r.streams, events: r.events })}</Alert>
      ) : (
        <Alert color="red" role="alert" title={t('audit.broken')}><Code block>{JSON.stringify(r, null, 2)}</Code></Alert>
      ))}
    </>
  );
}
