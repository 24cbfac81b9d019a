import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OUTCOME_REPORT_CSV_PATH, useFacilities, useOutcomeReport, type ReportPeriod } from '../api/endpoints';
import type { OutcomeReport, Population } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { FigureTable, type FigureRow } from '../components/FigureTable';
import { PageTitle } from '../components/Layout';
import { OutcomeCharts } from '../components/OutcomeCharts';
import { QueryState } from '../components/QueryState';
import { formatDate, formatMonth } from '../util/dates';
import { formatNumber } from '../util/numbers';
import { lastTwelveMonths } from '../util/period';
import { TableScroll } from '../components/TableScroll';

/**
 * The outcome report of one facility (or all of the user's) over a period: its charts, then every
 * section as a table (the exact figures, and what screen readers read), and as CSV.
 */
export function OutcomeReportPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  // The chosen period lives in the URL, so a report can be linked to and reloaded.
  const [params, setParams] = useSearchParams();
  const fallback = lastTwelveMonths();
  const period: ReportPeriod = {
    facilityId: params.get('facilityId') || undefined,
    from: params.get('from') ?? fallback.from,
    to: params.get('to') ?? fallback.to,
  };
  const [draft, setDraft] = useState(period);
  const report = useOutcomeReport(period);

  const show = (e: React.FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, v]) => v) as [string, string][]));
  };

  return (
    <>
      <PageTitle>{t('outcome.title')}</PageTitle>
      <Text mb="md">{t('outcome.help')}</Text>
      <form onSubmit={show} aria-label={t('outcome.period')}>
        <Group align="end" mb="md" wrap="wrap">
          <NativeSelect
            id="outcome-facility"
            label={t('outcome.facility')}
            value={draft.facilityId ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, facilityId: v || undefined }));
            }}
            data={[
              { value: '', label: t('outcome.allFacilities') },
              ...(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name })),
            ]}
          />
          <TextInput
            id="outcome-from"
            type="date"
            label={t('outcome.from')}
            value={draft.from}
            required
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, from: v }));
            }}
          />
          <TextInput
            id="outcome-to"
            type="date"
            label={t('outcome.to')}
            value={draft.to}
            required
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, to: v }));
            }}
          />
          <Button type="submit">{t('outcome.show')}</Button>
        </Group>
      </form>
      <QueryState isLoading={report.isLoading} error={report.error} />
      {report.data && (
        <>
          <Group mb="md" align="start">
            <DownloadButton
              id="outcome-csv"
              path={OUTCOME_REPORT_CSV_PATH}
              query={{ ...period }}
              fallbackName={`utfall_${period.from}_${period.to}.csv`}
              label={t('outcome.csv')}
            />
          </Group>
          <OutcomeCharts report={report.data} withTables={false} />
          <ReportSections report={report.data} />
        </>
      )}
    </>
  );
}

function ReportSections({ report }: { report: OutcomeReport }) {
  const { t, i18n } = useTranslation();
  const countedTo = formatDate(report.countedTo, i18n.language);
  const num = (n: number | null) => formatNumber(n, i18n.language);
  const code = (c: string) => t(`outcome.code.${c}`, { defaultValue: c });
  const counts = (values: Record<string, number>): FigureRow[] => Object.entries(values).map(([c, n]) => [code(c), n] as const);
  const table = (id: string, caption: string, rows: readonly FigureRow[], labelHeader = t('outcome.measure')) => (
    <FigureTable id={`outcome-${id}`} caption={caption} rows={rows} labelHeader={labelHeader} valueHeader={t('outcome.value')} />
  );
  /** Whom the figures below are counted over, in words. */
  const about = (population: Population) => (
    <Text size="sm" c="dimmed" mb="xs" data-population={population}>
      {t(`outcome.population.${population}`)}
    </Text>
  );
  const p = report.people;
  const los = report.lengthOfStay.nights;
  const open = report.staysAtEnd.nightsSoFar;
  const ages = report.ages;
  const o = report.offers;
  const genders = [...new Set([...Object.keys(report.genders.offered.byGender), ...Object.keys(report.genders.livedThere.byGender)])];

  return (
    <>
      {report.countedTo < report.to && (
        <Text mb="md" role="note">
          {t('outcome.countedTo', { date: countedTo })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section id="people" title={t('outcome.sections.people')}>
          {table('people', t('outcome.sections.people'), [
            [t('outcome.people.offered'), p.offered],
            [t('outcome.people.offeredTwiceOrMore'), p.offeredTwiceOrMore],
            [t('outcome.people.livedThere'), p.livedThere],
            [t('outcome.people.declined'), p.declined],
            [t('outcome.people.movedOut'), p.movedOut],
            [t('outcome.people.endedByService'), p.endedByService],
            [t('outcome.people.livingAtEnd'), p.livingAtEnd],
            [t('outcome.people.waitingAtEnd'), p.waitingAtEnd],
          ])}
          {about(report.breakdown.population)}
          {table('breakdown', t('outcome.breakdown', { total: num(report.breakdown.total) }), counts(report.breakdown.groups), t('outcome.group'))}
        </Section>
        <Section id="exits" title={t('outcome.sections.exits')}>
          {about(report.exits.population)}
          <Text size="sm" mb="xs">
            {t('outcome.exitsTotal', { count: report.exits.total })}
          </Text>
          {table('destination', t('outcome.byDestination'), counts(report.exits.byDestination), t('outcome.destination'))}
          {table('category', t('outcome.byCategory'), counts(report.exits.byCategory), t('outcome.category'))}
          {table('exit-reason', t('outcome.byExitReason'), counts(report.exits.byReason), t('outcome.reason'))}
        </Section>
        <Section id="stay" title={t('outcome.sections.stay')}>
          {about(report.lengthOfStay.population)}
          {table('stay', t('outcome.stayCaption'), [
            [t('outcome.stay.count'), los.count],
            [t('outcome.stay.mean'), los.mean],
            [t('outcome.stay.median'), los.median],
            [t('outcome.stay.min'), los.min],
            [t('outcome.stay.max'), los.max],
            [t('outcome.stay.over90'), report.lengthOfStay.over90Nights],
          ])}
          {about(report.staysAtEnd.population)}
          {table('stays-at-end', t('outcome.stayAtEndCaption', { date: countedTo }), [
            [t('outcome.stayAtEnd.count'), open.count],
            [t('outcome.stayAtEnd.mean'), open.mean],
            [t('outcome.stayAtEnd.max'), open.max],
            [t('outcome.stayAtEnd.over90'), report.staysAtEnd.over90Nights],
          ])}
          {about(report.bedNights.population)}
          {table('bed-nights', t('outcome.bedNightsCaption', { date: countedTo }), [[t('outcome.stay.bedNights'), report.bedNights.nights]])}
        </Section>
        <Section id="offers" title={t('outcome.sections.offers')}>
          {about(o.population)}
          {table('offers', t('outcome.sections.offers'), [
            [t('outcome.offers.made'), o.made],
            [t('outcome.offers.accepted'), o.accepted],
            [t('outcome.offers.declined'), o.declined],
            [t('outcome.offers.expired'), o.expired],
            [t('outcome.offers.openAtEnd'), o.openAtEnd],
          ])}
        </Section>
        <Section id="residents" title={t('outcome.sections.residents')}>
          <Text size="sm" c="dimmed" mb="xs">
            {t('outcome.compareHelp')}
          </Text>
          <CompareTable
            id="outcome-ages"
            caption={t('outcome.agesCaption')}
            rows={[
              [t('outcome.ages.people'), ages.offered.people, ages.livedThere.people],
              [t('outcome.ages.min'), ages.offered.min, ages.livedThere.min],
              [t('outcome.ages.max'), ages.offered.max, ages.livedThere.max],
              [t('outcome.ages.mean'), ages.offered.mean, ages.livedThere.mean],
              [t('outcome.ages.under25'), ages.offered.under25, ages.livedThere.under25],
            ]}
          />
          <CompareTable
            id="outcome-genders-compare"
            caption={t('outcome.gendersCompareCaption')}
            labelHeader={t('outcome.gender')}
            rows={genders.map((g) => [code(g), report.genders.offered.byGender[g]?.people ?? 0, report.genders.livedThere.byGender[g]?.people ?? 0] as const)}
          />
          {about(report.genders.livedThere.population)}
          {table(
            'genders',
            t('outcome.gendersCaption'),
            Object.entries(report.genders.livedThere.byGender).map(
              ([g, v]) => [code(g), t('outcome.genderRow', { count: v.people, min: num(v.minNights), max: num(v.maxNights) })] as const,
            ),
            t('outcome.gender'),
          )}
        </Section>
        <Section id="decision-time" title={t('outcome.sections.decisionTime')}>
          {about(report.decisionTime.population)}
          {table('decision-time', t('outcome.sections.decisionTime'), [
            [t('outcome.decisionTime.count'), report.decisionTime.days.count],
            [t('outcome.decisionTime.mean'), report.decisionTime.days.mean],
            [t('outcome.decisionTime.median'), report.decisionTime.days.median],
            [t('outcome.decisionTime.max'), report.decisionTime.days.max],
            [t('outcome.decisionTime.overOneMonth'), report.decisionTime.overOneMonth],
          ])}
        </Section>
        <Section id="waiting" title={t('outcome.sections.waiting')}>
          {table('waiting', t('outcome.sections.waiting'), [
            [t('outcome.waiting.placed'), report.waitingList.placed],
            [t('outcome.waiting.foundHousingThemselves'), report.waitingList.withdrawnFoundHousingThemselves],
            ...Object.entries(report.waitingList.withdrawnByReason).map(([c, n]) => [t('outcome.waiting.withdrawn', { reason: code(c) }), n] as const),
          ])}
        </Section>
        <Section id="exclusions" title={t('outcome.sections.exclusions')}>
          {about(report.exclusions.population)}
          <Text size="sm" mb="xs">
            {t('outcome.exclusionsDecided', { count: report.exclusions.decided })}
          </Text>
          {table('exclusion-reasons', t('outcome.exclusionsByReason'), counts(report.exclusions.byReason), t('outcome.reason'))}
          {about('moved_out')}
          {table('ended-reasons', t('outcome.endedByServiceByReason'), counts(report.exclusions.endedByServiceByReason), t('outcome.reason'))}
        </Section>
        <Section id="incidents" title={t('outcome.sections.incidents')}>
          {about(report.incidents.population)}
          {table('incident-kinds', t('outcome.incidentsByKind', { count: report.incidents.total }), counts(report.incidents.byKind), t('outcome.kind'))}
          <IncidentsByMonth report={report} />
        </Section>
      </SimpleGrid>
    </>
  );
}

/** One figure over the two populations a supervisor compares: those offered a place and those who lived there. */
function CompareTable({
  id,
  caption,
  rows,
  labelHeader,
}: {
  id: string;
  caption: string;
  rows: ReadonlyArray<readonly [string, number | null, number | null]>;
  labelHeader?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableScroll>
      <Table captionSide="top" mb="md" id={id} data-testid={id}>
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{labelHeader ?? t('outcome.measure')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('outcome.offeredColumn')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('outcome.livedThereColumn')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, offered, lived]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400}>
                {label}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(offered, i18n.language)}</Table.Td>
              <Table.Td ta="right">{formatNumber(lived, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`outcome-${id}-title`}>
      <Title order={2} size="h3" id={`outcome-${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Months down, incident kinds across: the kinds that occurred in the period only. */
function IncidentsByMonth({ report }: { report: OutcomeReport }) {
  const { t, i18n } = useTranslation();
  const kinds = Object.keys(report.incidents.byKind).filter((k) => report.incidents.byKind[k] > 0);
  return (
    <TableScroll minWidth={320}>
      <Table captionSide="top" data-testid="outcome-incidents-by-month">
        <caption>{t('outcome.incidentsByMonth')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outcome.month')}</Table.Th>
            {kinds.map((k) => (
              <Table.Th scope="col" key={k} ta="right">
                {t(`outcome.code.${k}`, { defaultValue: k })}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('outcome.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.incidents.byMonth.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Th scope="row" fw={400}>
                {formatMonth(m.month, i18n.language)}
              </Table.Th>
              {kinds.map((k) => (
                <Table.Td key={k} ta="right">
                  {m.byKind[k] ?? 0}
                </Table.Td>
              ))}
              <Table.Td ta="right">{m.total}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
