import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutcomeReport } from '../api/types';
import { formatMonth } from '../util/dates';
import { formatNumber } from '../util/numbers';
import { FigureTable } from './FigureTable';

// Fixed heights: recharts measures its parent, and an unsized parent draws nothing (and warns).
const CHART_HEIGHT = 220;
/** Horizontal bars: a row per bar, and room on the left for the longest label, so every label shows. */
const ROW_HEIGHT = 36;
const LABEL_WIDTH = 210;
const KIND_COLORS = ['blue.8', 'orange.8', 'teal.8', 'grape.8', 'red.8', 'cyan.9', 'lime.9', 'indigo.8'];

interface Bar {
  label: string;
  value: number;
}

/**
 * The supervisors' charts of an outcome report: exits by destination, length of stay, exclusions by
 * reason and incidents per month. Each chart is a picture for sighted users (hidden from screen
 * readers) with a one-line summary and the same figures as a table that screen readers read instead.
 * Where the page shows those figures in tables of its own (the outcome report), `withTables` is false,
 * so a screen reader does not read each figure twice.
 */
export function OutcomeCharts({ report, withTables = true }: { report: OutcomeReport; withTables?: boolean }) {
  const { t, i18n } = useTranslation();
  const num = (n: number | null) => formatNumber(n, i18n.language);
  const month = (m: string) => formatMonth(m, i18n.language);
  const code = (c: string) => t(`outcome.code.${c}`, { defaultValue: c });
  const nonZero = (counts: Record<string, number>): Bar[] =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([c, n]) => ({ label: code(c), value: n }));
  const bands: Bar[] = (report.lengthOfStay.bands ?? []).map((b) => ({ label: t('charts.nightsBand', { band: b.band }), value: b.stays }));
  const los = report.lengthOfStay.nights;
  const kinds = Object.keys(report.incidents.byKind).filter((k) => report.incidents.byKind[k] > 0);
  const months = report.incidents.byMonth.map((m) => ({ month: month(m.month), ...Object.fromEntries(kinds.map((k) => [k, m.byKind[k] ?? 0])) }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
      <ChartFigure
        id="chart-exits"
        title={t('charts.exits')}
        summary={t('charts.exitsSummary', { count: report.exits.total })}
        bars={nonZero(report.exits.byDestination)}
        valueHeader={t('charts.moveOuts')}
        labelHeader={t('outcome.destination')}
        horizontal
        withTable={withTables}
      />
      <ChartFigure
        id="chart-stay"
        title={t('charts.lengthOfStay')}
        summary={
          los.count
            ? t('charts.staySummary', { count: los.count, mean: num(los.mean), median: num(los.median), min: num(los.min), max: num(los.max) })
            : t('charts.noStays')
        }
        bars={los.count ? bands : []}
        valueHeader={t('charts.stays')}
        labelHeader={t('charts.nights')}
        withTable={withTables}
      />
      <ChartFigure
        id="chart-exclusions"
        title={t('charts.exclusions')}
        summary={t('charts.exclusionsSummary', { count: report.exclusions.decided })}
        bars={nonZero(report.exclusions.byReason)}
        valueHeader={t('charts.exclusionsCount')}
        labelHeader={t('outcome.reason')}
        horizontal
        withTable={withTables}
      />
      <Paper withBorder p="md" component="figure" m={0} aria-labelledby="chart-incidents-title">
        <Title order={3} size="h4" id="chart-incidents-title">
          {t('charts.incidents')}
        </Title>
        <Text size="sm" mb="xs" component="figcaption">
          {t('charts.incidentsSummary', { count: report.incidents.total, months: months.length })}
        </Text>
        {report.incidents.total > 0 && (
          <div aria-hidden="true" data-testid="chart-incidents-picture">
            <BarChart
              h={CHART_HEIGHT}
              data={months}
              dataKey="month"
              type="stacked"
              withLegend
              series={kinds.map((k, i) => ({ name: k, label: code(k), color: KIND_COLORS[i % KIND_COLORS.length] }))}
              barChartProps={{ accessibilityLayer: false }}
              yAxisProps={{ allowDecimals: false }}
              valueFormatter={num}
            />
          </div>
        )}
        {withTables && (
          <VisuallyHidden>
            <FigureTable
              id="chart-incidents-table"
              caption={t('charts.incidents')}
              labelHeader={t('outcome.month')}
              valueHeader={t('charts.incidentsCount')}
              rows={report.incidents.byMonth.map((m) => [month(m.month), m.total] as const)}
            />
          </VisuallyHidden>
        )}
      </Paper>
    </SimpleGrid>
  );
}

function ChartFigure({
  id,
  title,
  summary,
  bars,
  valueHeader,
  labelHeader,
  horizontal = false,
  withTable,
}: {
  id: string;
  title: string;
  summary: string;
  bars: Bar[];
  valueHeader: string;
  labelHeader: string;
  /** Bars across, labels down the side: for long labels, which under upright bars would be dropped or overlap. */
  horizontal?: boolean;
  withTable: boolean;
}) {
  const { i18n } = useTranslation();
  const counts = { allowDecimals: false };
  return (
    <Paper withBorder p="md" component="figure" m={0} aria-labelledby={`${id}-title`}>
      <Title order={3} size="h4" id={`${id}-title`}>
        {title}
      </Title>
      <Text size="sm" mb="xs" component="figcaption">
        {summary}
      </Text>
      {bars.length > 0 && (
        <div aria-hidden="true" data-testid={`${id}-picture`}>
          <BarChart
            h={horizontal ? Math.max(CHART_HEIGHT, bars.length * ROW_HEIGHT + 40) : CHART_HEIGHT}
            data={bars}
            dataKey="label"
            orientation={horizontal ? 'vertical' : 'horizontal'}
            series={[{ name: 'value', label: valueHeader, color: 'blue.8' }]}
            barChartProps={{ accessibilityLayer: false }}
            // interval 0: recharts would otherwise skip labels it thinks crowded (4 of 7 destinations showed).
            yAxisProps={horizontal ? { width: LABEL_WIDTH, interval: 0 } : counts}
            xAxisProps={horizontal ? counts : { interval: 0 }}
            valueFormatter={(v) => formatNumber(v, i18n.language)}
            withBarValueLabel
          />
        </div>
      )}
      {withTable && (
        <VisuallyHidden>
          <FigureTable
            id={`${id}-table`}
            caption={title}
            labelHeader={labelHeader}
            valueHeader={valueHeader}
            rows={bars.map((b) => [b.label, b.value] as const)}
          />
        </VisuallyHidden>
      )}
    </Paper>
  );
}
