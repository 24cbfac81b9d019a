import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { personExportPaths, useAccessLog } from '../api/endpoints';
import type { AccessLogPage } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { PersonSearch } from '../components/PersonSearch';
import { formatDateTime } from '../util/dates';
import { fullName } from '../util/names';
import { StaffName } from '../components/StaffName';
import { TableScroll } from '../components/TableScroll';

const PAGE = 50;

/**
 * Who read a person's file (pasientjournalloven § 22): per person, found by name through the case
 * search, with the person's right-of-access export; or every flagged read (outside the reader's
 * facilities, with the purpose they stated) for review.
 */
export function AccessLogPage({ mode }: { mode: 'person' | 'flagged' }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t(mode === 'person' ? 'accessLog.title' : 'accessLog.flaggedTitle')}</PageTitle>
      <Text mb="md">{t(mode === 'person' ? 'accessLog.help' : 'accessLog.flaggedHelp')}</Text>
      {mode === 'person' ? <PersonAccessLog /> : <FlaggedReads />}
    </>
  );
}

function PersonAccessLog() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  // The name stays in memory only: a person's name does not belong in the URL or the browser history.
  const [chosenName, setChosenName] = useState<string | null>(null);
  const reads = useAccessLog({ personId, limit: PAGE, offset }, !!personId);
  const paths = personId ? personExportPaths(personId) : null;
  const who = chosenName ?? t('accessLog.personShort', { id: personId.slice(0, 8) });

  return (
    <Stack>
      <PersonSearch
        id="access-person-search"
        chooseLabel={(name) => t('accessLog.showFor', { name })}
        onChoose={(id, name) => {
          setChosenName(name);
          setParams({ personId: id });
        }}
      />
      {personId && (
        <Paper withBorder p="md" component="section" aria-labelledby="access-person-title">
          <Title order={2} size="h3" id="access-person-title" mb="sm">
            {t('accessLog.forPerson', { name: who })}
          </Title>
          <Group align="start" mb="md" gap="xl">
            <DownloadButton id="export-json" path={paths!.json} fallbackName={`innsyn_${personId}.json`} label={t('accessLog.exportJson')} />
            <DownloadButton id="export-html" path={paths!.html} fallbackName={`innsyn_${personId}.html`} label={t('accessLog.exportHtml')} />
          </Group>
          <QueryState isLoading={reads.isLoading} error={reads.error} />
          {reads.data && (
            <ReadsTable
              page={reads.data}
              showPerson={false}
              caption={t('accessLog.readsCaption', { count: reads.data.total })}
              onPage={(o) => setParams({ personId, offset: String(o) })}
            />
          )}
        </Paper>
      )}
    </Stack>
  );
}

function FlaggedReads() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get('offset') ?? 0);
  const reads = useAccessLog({ flagged: true, limit: PAGE, offset });
  return (
    <>
      <QueryState isLoading={reads.isLoading} error={reads.error} />
      {reads.data && (
        <ReadsTable
          page={reads.data}
          showPerson
          caption={t('accessLog.flaggedCaption', { count: reads.data.total })}
          onPage={(o) => setParams({ offset: String(o) })}
        />
      )}
    </>
  );
}

function ReadsTable({ page, showPerson, caption, onPage }: { page: AccessLogPage; showPerson: boolean; caption: string; onPage(offset: number): void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <TableScroll minWidth={640}>
        <Table captionSide="top" striped data-testid="access-reads">
          <caption>{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('accessLog.at')}</Table.Th>
              {showPerson && <Table.Th scope="col">{t('accessLog.person')}</Table.Th>}
              <Table.Th scope="col">{t('accessLog.view')}</Table.Th>
              <Table.Th scope="col">{t('accessLog.reader')}</Table.Th>
              <Table.Th scope="col">{t('accessLog.flagged')}</Table.Th>
              <Table.Th scope="col">{t('accessLog.purpose')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((r) => (
              <Table.Tr key={r.accessId}>
                <Table.Td>{formatDateTime(r.at, i18n.language)}</Table.Td>
                {showPerson && (
                  <Table.Td>
                    {r.personId ? (
                      <Link to={`/audit/access-log?personId=${encodeURIComponent(r.personId)}`}>
                        {r.personName ? fullName(r.personName) : t('accessLog.personShort', { id: r.personId.slice(0, 8) })}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>{t(`accessLog.views.${r.view}`, { defaultValue: r.view })}</Table.Td>
                <Table.Td>
                  <StaffName name={r.actorName} role={r.actorRole} id={r.actorId} />
                </Table.Td>
                <Table.Td>
                  {r.flagged ? (
                    <Badge color="orange" variant="filled" c="dark">
                      {t('accessLog.flaggedYes')}
                    </Badge>
                  ) : (
                    t('accessLog.flaggedNo')
                  )}
                </Table.Td>
                <Table.Td>{r.purpose ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {page.items.length === 0 && <Text size="sm">{t('accessLog.none')}</Text>}
      <Group mt="sm">
        {page.offset > 0 && (
          <Button variant="default" onClick={() => onPage(Math.max(0, page.offset - page.limit))}>
            {t('cases.prev')}
          </Button>
        )}
        {page.offset + page.limit < page.total && (
          <Button variant="default" onClick={() => onPage(page.offset + page.limit)}>
            {t('cases.next')}
          </Button>
        )}
      </Group>
    </>
  );
}
