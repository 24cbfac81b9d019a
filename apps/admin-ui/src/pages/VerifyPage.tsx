import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Group, Progress, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { verifyChains } from '../api/endpoints';
import type { VerificationReport } from '../api/types';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../util/dates';

export function VerifyPage() {
  const { t } = useTranslation();
  // Reached from a case's replay with ?stream=case-…: that chain is checked at once.
  const [params] = useSearchParams();
  const [stream, setStream] = useState(params.get('stream') ?? '');
  const verify = useMutation({ mutationFn: () => verifyChains(stream.trim() || undefined) });
  const given = params.get('stream');
  const { mutate } = verify;
  useEffect(() => {
    if (given) mutate();
  }, [given, mutate]);
  const r = verify.data;
  return (
    <>
      <PageTitle>{t('audit.verifyTitle')}</PageTitle>
      <Text mb="md">{t('audit.verifyHelp')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          verify.mutate();
        }}
      >
        <Group align="end" mb="md">
          <TextInput id="verify-stream" label={t('audit.stream')} value={stream} onChange={(e) => setStream(e.currentTarget.value)} w={380} />
          <Button type="submit" loading={verify.isPending}>
            {t('audit.verify')}
          </Button>
        </Group>
      </form>
      {/* The whole log can take a while: a moving bar, and a status screen readers announce (kept mounted so they do). */}
      {verify.isPending && <Progress value={100} striped animated aria-label={t('audit.verifying')} w={320} mb="xs" data-testid="verify-progress" />}
      <Text size="sm" role="status" aria-live="polite" mb="sm">
        {verify.isPending ? t('audit.verifying') : ''}
      </Text>
      <QueryState isLoading={false} error={verify.error} />
      {r &&
        (r.ok ? (
          <Alert color="green" role="status">
            {t('audit.ok', { streams: r.streams, events: r.events })}
          </Alert>
        ) : (
          <Alert color="red" role="alert" title={t('audit.broken')}>
            <Findings report={r} />
          </Alert>
        ))}
      {r && <SealsStatus report={r} />}
    </>
  );
}

/** Each finding in words, with where it is: the stream, revision, position and the seal that showed it. */
function Findings({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  return (
    <>
      <Table aria-label={t('audit.findings')} data-testid="verify-findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.findingKind')}</Table.Th>
            <Table.Th scope="col">{t('audit.stream')}</Table.Th>
            <Table.Th scope="col">{t('audit.revision')}</Table.Th>
            <Table.Th scope="col">{t('audit.position')}</Table.Th>
            <Table.Th scope="col">{t('audit.seal')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.findings.map((f, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                {t(`audit.findingKinds.${f.kind}`, { defaultValue: f.kind })}{' '}
                <Text span size="xs" c="dimmed">
                  {f.kind}
                </Text>
              </Table.Td>
              <Table.Td>{f.stream ?? ''}</Table.Td>
              <Table.Td>{f.revision ?? ''}</Table.Td>
              <Table.Td>{f.position ?? ''}</Table.Td>
              <Table.Td>{f.seal ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.findingsOmitted > 0 && <Text size="sm">{t('audit.findingsOmitted', { count: report.findingsOmitted })}</Text>}
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
