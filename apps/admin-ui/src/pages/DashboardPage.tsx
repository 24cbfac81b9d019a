import { useQueries } from '@tanstack/react-query';
import { Card, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fullName } from '../util/names';
import { api } from '../api/client';
import { useAgreementsDashboard, useFacilities, useObligationsDashboard, useWaitingListSummary } from '../api/endpoints';
import type { AgreementRow, Occupancy } from '../api/types';
import { PageTitle } from '../components/Layout';
import { OutcomeChartsSection } from '../components/OutcomeChartsSection';
import { QueryState } from '../components/QueryState';

const WITHIN_DAYS = 30;

export function DashboardPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const waiting = useWaitingListSummary();
  const agreements = useAgreementsDashboard(WITHIN_DAYS);
  const obligations = useObligationsDashboard();
  // One occupancy board per facility; the dashboard shows each one's rate.
  const boards = useQueries({
    queries: (facilities.data?.facilities ?? []).map((f) => ({
      queryKey: ['occupancy', f.facilityId, undefined],
      queryFn: () => api<Occupancy>(`/api/v1/facilities/${encodeURIComponent(f.facilityId)}/occupancy`),
    })),
  });
  const name = (id: string) => facilities.data?.facilities.find((f) => f.facilityId === id)?.name ?? id;

  return (
    <>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <section aria-labelledby="dash-occ">
        <Title order={2} size="h3" id="dash-occ" mb="sm">
          {t('dashboard.occupancy')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="lg">
          {boards.map(
            (b, i) =>
              b.data && (
                <Card withBorder key={b.data.facility.facilityId ?? i}>
                  <Text fw={600}>{b.data.facility.name}</Text>
                  <Text size="xl" fw={700}>
                    {b.data.summary.occupancyRate === null ? '—' : `${Math.round(b.data.summary.occupancyRate * 100)} %`}
                  </Text>
                  <Text size="sm">
                    {t('occupancy.occupied')} {b.data.summary.occupied} / {b.data.summary.capacity}
                  </Text>
                </Card>
              ),
          )}
        </SimpleGrid>
      </section>

      <OutcomeChartsSection />

      <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="dash-wait">
        <Title order={2} size="h3" id="dash-wait" mb="sm">
          {t('dashboard.waiting')}
        </Title>
        <QueryState isLoading={waiting.isLoading} error={waiting.error} />
        {waiting.data && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.facility')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.waitingCount')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.medianWait')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {waiting.data.facilities.map((f) => (
                <Table.Tr key={f.facilityId}>
                  <Table.Td>{f.facilityName}</Table.Td>
                  <Table.Td>{f.waiting}</Table.Td>
                  <Table.Td>{f.medianDaysWaiting ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="dash-agr">
        <Title order={2} size="h3" id="dash-agr" mb="sm">
          {t('dashboard.agreements')}
        </Title>
        <QueryState isLoading={agreements.isLoading} error={agreements.error} />
        {agreements.data && (
          <>
            <AgreementTable caption={t('dashboard.pastLimit')} rows={agreements.data.pastLimit} name={name} />
            <AgreementTable caption={t('dashboard.pastEnd')} rows={agreements.data.pastEnd} name={name} />
            <AgreementTable caption={t('dashboard.endingSoon', { days: agreements.data.withinDays })} rows={agreements.data.endingSoon} name={name} />
          </>
        )}
      </Paper>

      <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="dash-obl">
        <Title order={2} size="h3" id="dash-obl" mb="xs">
          {t('dashboard.obligations')}
        </Title>
        <Text size="sm" mb="sm">
          {t('dashboard.obligationsHelp')}
        </Text>
        <QueryState isLoading={obligations.isLoading} error={obligations.error} />
        {obligations.data && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.facility')}</Table.Th>
                <Table.Th scope="col">{t('field.reasons')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.daysOpen')}</Table.Th>
                <Table.Th scope="col">{t('cases.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {obligations.data.exclusionsAwaitingAlternative.map((o) => (
                <Table.Tr key={o.caseId}>
                  <Table.Td>{name(o.facilityId)}</Table.Td>
                  <Table.Td>{o.reasons.map((r) => t(`outcome.code.${r}`, { defaultValue: r })).join(', ')}</Table.Td>
                  <Table.Td>{o.daysOpen}</Table.Td>
                  <Table.Td>
                    <Link to={`/cases/${o.caseId}`}>{o.name ? fullName(o.name) : t('journal.forgottenPerson')}</Link>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="dash-app">
        <Title order={2} size="h3" id="dash-app" mb="sm">
          {t('dashboard.appeals')}
        </Title>
        {obligations.data && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.stage')}</Table.Th>
                <Table.Th scope="col">{t('cases.facility')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.received')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.deadline')}</Table.Th>
                <Table.Th scope="col">{t('cases.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(obligations.data.appeals).flatMap(([stage, rows]) =>
                rows.map((a) => (
                  <Table.Tr key={a.appealId}>
                    <Table.Td>{t(`appealStage.${stage}`)}</Table.Td>
                    <Table.Td>{name(a.facilityId)}</Table.Td>
                    <Table.Td>{a.receivedOn}</Table.Td>
                    <Table.Td>{a.deadline ?? '—'}</Table.Td>
                    <Table.Td>
                      <Link to={`/cases/${a.caseId}`}>{a.name ? fullName(a.name) : t('journal.forgottenPerson')}</Link>
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}

function AgreementTable({ caption, rows, name }: { caption: string; rows: AgreementRow[]; name(id: string): string }) {
  const { t } = useTranslation();
  return (
    <Table mb="md" captionSide="top">
      <caption>{`${caption} (${rows.length})`}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('cases.facility')}</Table.Th>
          <Table.Th scope="col">{t('case.agreement')}</Table.Th>
          <Table.Th scope="col">{t('case.endsOn')}</Table.Th>
          <Table.Th scope="col">{t('case.limit')}</Table.Th>
          <Table.Th scope="col">{t('dashboard.daysToEnd')}</Table.Th>
          <Table.Th scope="col">{t('cases.name')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.caseId}>
            <Table.Td>{name(r.facilityId)}</Table.Td>
            <Table.Td>{t(`enum.${r.kind}`, { defaultValue: r.kind })}</Table.Td>
            <Table.Td>{r.endsOn ?? '—'}</Table.Td>
            <Table.Td>{r.limit ?? '—'}</Table.Td>
            <Table.Td>{r.daysToEnd ?? '—'}</Table.Td>
            <Table.Td>
              <Link to={`/cases/${r.caseId}`}>{r.name ? fullName(r.name) : t('journal.forgottenPerson')}</Link>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
