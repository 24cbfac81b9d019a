import { Anchor, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOutcomeReport } from '../api/endpoints';
import { formatDate } from '../util/dates';
import { lastTwelveMonths } from '../util/period';
import { OutcomeCharts } from './OutcomeCharts';
import { QueryState } from './QueryState';

/** The dashboard's outcome charts: the last twelve months, every facility the user is assigned to. */
export function OutcomeChartsSection() {
  const { t, i18n } = useTranslation();
  const period = lastTwelveMonths();
  const report = useOutcomeReport(period);
  return (
    <section aria-labelledby="dash-outcomes">
      <Title order={2} size="h3" id="dash-outcomes" mb={4}>
        {t('charts.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('charts.period', { from: formatDate(period.from, i18n.language), to: formatDate(period.to, i18n.language) })}{' '}
        <Anchor component={Link} to={`/reports/outcomes?from=${period.from}&to=${period.to}`}>
          {t('charts.fullReport')}
        </Anchor>
      </Text>
      <QueryState isLoading={report.isLoading} error={report.error} />
      {report.data && <OutcomeCharts report={report.data} />}
    </section>
  );
}
