import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutcomeReport } from '../api/types';
import { formatNumber } from '../util/numbers';
import { FigureTable } from './FigureTable';

// Fixed heights: recharts measures its parent, and an unsized parent draws nothing (and warns).
const CHART_HEIGHT = 220;
const KIND_COLORS = ['blue.8', 'orange.8', 'teal.8', 'grape.8', 'red.8', 'cyan.9', 'lime.9', 'indigo.8'];

interface Bar {
  label: string;
  value: number;
}

/**
 * The supervisors' charts of an outcome report: exits by destination, length of stay, exclusions by
 * reason and incidents per month. Each chart is a picture for sighted users (hidden from screen
 * readers) with a one-line summary and the same figures as a table that screen readers read instead.
 */
export function OutcomeCharts({ report }: { report: OutcomeReport }) {
  const { t, i18n } = useTranslation();
  const num = (n: number | null) => formatNumber(n, i18n.language);
  const code = (c: string) => t(`outcome.code.${c}`, { defaultValue: c });
  const nonZero = (counts: Record<string, number>): Bar[] =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([c, n]) => ({ label: code(c), value: n }));
  const bands: Bar[] = (report.lengthOfStay.bands ?? []).map((b) => ({ label: t('charts.nightsBand', { band: b.band }), value: b.stays }));
  const los = report.lengthOfStay.nights;
  const kinds = Object.keys(report.incidents.byKind).filter((k) => report.incidents.byKind[k] > 0);
  const months = report.incidents.byMonth.map((m) => ({ month: m.month, ...Object.fromEntries(kinds.map((k) => [k, m.byKind[k] ?? 0])) }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
      <ChartFigure
        id="chart-exits"
        title={t('charts.exits')}
        summary={t('charts.exitsSummary', { count: report.exits.total })}
        bars={nonZero(report.exits.byDestination)}
        valueHeader={t('charts.moveOuts')}
        labelHeader={t('outcome.destination')}
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
      />
      <ChartFigure
        id="chart-exclusions"
        title={t('charts.exclusions')}
        summary={t('charts.exclusionsSummary', { count: report.exclusions.decided })}
        bars={nonZero(report.exclusions.byReason)}
        valueHeader={t('charts.exclusionsCount')}
        labelHeader={t('outcome.reason')}
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
            />
          </div>
        )}
        <VisuallyHidden>
          <FigureTable
            id="chart-incidents-table"
            caption={t('charts.incidents')}
            labelHeader={t('outcome.month')}
            valueHeader={t('charts.incidentsCount')}
            rows={report.incidents.byMonth.map((m) => [m.month, m.total] as const)}
          />
        </VisuallyHidden>
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
}: {
  id: string;
  title: string;
  summary: string;
  bars: Bar[];
  valueHeader: string;
  labelHeader: string;
}) {
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
            h={CHART_HEIGHT}
            data={bars}
            dataKey="label"
            series={[{ name: 'value', label: valueHeader, color: 'blue.8' }]}
            barChartProps={{ accessibilityLayer: false }}
            yAxisProps={{ allowDecimals: false }}
            withBarValueLabel
          />
        </div>
      )}
      <VisuallyHidden>
        <FigureTable
          id={`${id}-table`}
          caption={title}
          labelHeader={labelHeader}
          valueHeader={valueHeader}
          rows={bars.map((b) => [b.label, b.value] as const)}
        />
      </VisuallyHidden>
    </Paper>
  );
}
