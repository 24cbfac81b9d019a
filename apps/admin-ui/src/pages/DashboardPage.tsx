import { useQueries } from '@tanstack/react-query';
import { Box, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../util/dates';
import { fullName } from '../util/names';
import { formatNumber } from '../util/numbers';
import { api } from '../api/client';
import { useAgreementsDashboard, useFacilities, useObligationsDashboard, useWaitingListSummary } from '../api/endpoints';
import type { AgreementRow, Occupancy } from '../api/types';
import { dayWithDistance } from '../components/day-distance';
import { PageTitle } from '../components/Layout';
import { OccupancyChart } from '../components/OccupancyChart';
import { OutcomeChartsSection } from '../components/OutcomeChartsSection';
import { QueryState } from '../components/QueryState';
import { TableScroll } from '../components/TableScroll';

const WITHIN_DAYS = 30;

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const day = (d: string | null | undefined) => (d ? formatDate(d, i18n.language) : '—');
  const facilities = useFacilities();
  const waiting = useWaitingListSummary();
  const agreements = useAgreementsDashboard(WITHIN_DAYS);
  const obligations = useObligationsDashboard();
  // One occupancy board per facility; the dashboard draws each one's places against its capacity.
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
      <Box component="section" aria-labelledby="dash-occ" mb="lg">
        <Title order={2} size="h3" id="dash-occ" mb="sm">
          {t('dashboard.occupancy')}
        </Title>
        <OccupancyChart boards={boards.flatMap((b) => (b.data ? [b.data] : []))} labelledBy="dash-occ" />
      </Box>

      <OutcomeChartsSection />

      <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="dash-wait">
        <Title order={2} size="h3" id="dash-wait" mb="sm">
          {t('dashboard.waiting')}
        </Title>
        <QueryState isLoading={waiting.isLoading} error={waiting.error} />
        {waiting.data && (
          <TableScroll>
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
                    <Table.Td>{formatNumber(f.medianDaysWaiting, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
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
            <AgreementTable caption={t('dashboard.extendedBeyondLimit')} rows={agreements.data.extendedBeyondLimit} name={name} />
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
          <TableScroll>
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
          </TableScroll>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="dash-app">
        <Title order={2} size="h3" id="dash-app" mb="sm">
          {t('dashboard.appeals')}
        </Title>
        {obligations.data && (
          <TableScroll>
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
                      <Table.Td>{day(a.receivedOn)}</Table.Td>
                      <Table.Td>{day(a.deadline)}</Table.Td>
                      <Table.Td>
                        <Link to={`/cases/${a.caseId}`}>{a.name ? fullName(a.name) : t('journal.forgottenPerson')}</Link>
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Paper>
    </>
  );
}

/**
 * Agreements of one kind of concern. The end and the limit each say how far they are from today
 * (days left, or days since it passed), so a row past the limit never reads as days left.
 */
function AgreementTable({ caption, rows, name }: { caption: string; rows: AgreementRow[]; name(id: string): string }) {
  const { t, i18n } = useTranslation();
  const distance = (on: string | null, daysUntil: number | null) => (on && daysUntil !== null ? dayWithDistance(t, i18n.language, on, daysUntil) : '—');
  return (
    <TableScroll>
      <Table mb="md" captionSide="top">
        <caption>{`${caption} (${rows.length})`}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.facility')}</Table.Th>
            <Table.Th scope="col">{t('case.agreement')}</Table.Th>
            <Table.Th scope="col">{t('case.endsOn')}</Table.Th>
            <Table.Th scope="col">{t('case.limit')}</Table.Th>
            <Table.Th scope="col">{t('cases.name')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.caseId}>
              <Table.Td>{name(r.facilityId)}</Table.Td>
              <Table.Td>{t(`enum.${r.kind}`, { defaultValue: r.kind })}</Table.Td>
              <Table.Td>{distance(r.endsOn, r.daysToEnd)}</Table.Td>
              <Table.Td>{distance(r.limit, r.daysPastLimit === null ? null : -r.daysPastLimit)}</Table.Td>
              <Table.Td>
                <Link to={`/cases/${r.caseId}`}>{r.name ? fullName(r.name) : t('journal.forgottenPerson')}</Link>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
