import { BarChart } from '@mantine/charts';
import { Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Occupancy } from '../api/types';
import { formatNumber, formatPercent } from '../util/numbers';
import { TableScroll } from './TableScroll';

const ROW_HEIGHT = 44;
const LABEL_WIDTH = 160;

/** The parts a facility's places fall into; together they are its capacity. */
const PARTS = [
  { key: 'occupied', label: 'occupancy.occupied', color: 'blue.8' },
  { key: 'offered', label: 'occupancy.offered', color: 'orange.8' },
  { key: 'free', label: 'occupancy.free', color: 'teal.8' },
  { key: 'outOfService', label: 'occupancy.outOfService', color: 'gray.6' },
] as const;

type Places = Record<(typeof PARTS)[number]['key'], number>;

function placesOf({ summary }: Occupancy): Places {
  return {
    occupied: summary.occupied,
    offered: summary.reserved,
    free: summary.free,
    outOfService: Math.max(0, summary.capacity - summary.inServiceCapacity),
  };
}

/**
 * Occupancy per facility as bars against capacity: each facility one bar as long as its places,
 * split into occupied, offered, free and out of service. The picture is hidden from screen readers;
 * the summary and the table beside it carry the same figures. The figure is named by the heading of
 * the section it stands in (`labelledBy`), so the page does not say its title twice.
 */
export function OccupancyChart({ boards, labelledBy }: { boards: Occupancy[]; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const num = (n: number | null) => formatNumber(n, i18n.language);
  if (boards.length === 0) return null;
  const rows = boards.map((b) => ({ facility: b.facility.name, ...placesOf(b) }));
  return (
    <Paper withBorder p="md" component="figure" m={0} aria-labelledby={labelledBy}>
      <Text size="sm" mb="xs" component="figcaption">
        {boards
          .map((b) =>
            t('occupancyChart.summary', {
              facility: b.facility.name,
              occupied: num(b.summary.occupied),
              capacity: num(b.summary.capacity),
              rate: formatPercent(b.summary.occupancyRate, i18n.language),
            }),
          )
          .join(' ')}
      </Text>
      <div aria-hidden="true" data-testid="occupancy-chart-picture">
        <BarChart
          h={Math.max(120, rows.length * ROW_HEIGHT + 70)}
          data={rows}
          dataKey="facility"
          type="stacked"
          orientation="vertical"
          withLegend
          series={PARTS.map((p) => ({ name: p.key, label: t(p.label), color: p.color }))}
          barChartProps={{ accessibilityLayer: false }}
          yAxisProps={{ width: LABEL_WIDTH, interval: 0 }}
          xAxisProps={{ allowDecimals: false }}
          xAxisLabel={t('occupancyChart.places')}
          valueFormatter={num}
        />
      </div>
      <VisuallyHidden>
        <TableScroll>
          <Table captionSide="top" data-testid="occupancy-chart-table">
            <caption>{t('occupancyChart.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.facility')}</Table.Th>
                {PARTS.map((p) => (
                  <Table.Th scope="col" key={p.key}>
                    {t(p.label)}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('occupancyChart.capacity')}</Table.Th>
                <Table.Th scope="col">{t('occupancy.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {boards.map((b, i) => (
                <Table.Tr key={b.facility.facilityId}>
                  <Table.Th scope="row">{b.facility.name}</Table.Th>
                  {PARTS.map((p) => (
                    <Table.Td key={p.key}>{num(rows[i][p.key])}</Table.Td>
                  ))}
                  <Table.Td>{num(b.summary.capacity)}</Table.Td>
                  <Table.Td>{formatPercent(b.summary.occupancyRate, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </VisuallyHidden>
    </Paper>
  );
}
