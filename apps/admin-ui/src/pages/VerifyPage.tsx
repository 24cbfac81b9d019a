import { useState } from 'react';
import { Alert, Button, Code, Group, Text, TextInput } from '@mantine/core';
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
      <QueryState isLoading={false} error={verify.error} />
      {r && (r.ok ? (
        <Alert color="green" role="status">{t('audit.ok', { streams: r.streams, events: r.events })}</Alert>
      ) : (
        <Alert color="red" role="alert" title={t('audit.broken')}><Code block>{JSON.stringify(r, null, 2)}</Code></Alert>
      ))}
    </>
  );
}
