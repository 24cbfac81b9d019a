import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWorkQueue } from '../api/endpoints';
import type { WorkItem } from '../api/types';
import { dayWithDistance } from '../components/day-distance';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../util/dates';
import { fullName } from '../util/names';
import { humanize } from '../i18n';
import { TableScroll } from '../components/TableScroll';

/**
 * What waits for the user: the team lead's inbox (decisions, reviews, late entries) and the case
 * worker's queue (offers, agreements, contacts, deadlines), most pressing first. Each row opens the
 * case with the command that clears it.
 */
export function WorkQueuePage() {
  const { t } = useTranslation();
  const queue = useWorkQueue();
  const items = queue.data?.items ?? [];
  const lead = items.filter((i) => i.queue === 'lead');
  const worker = items.filter((i) => i.queue === 'worker');
  return (
    <>
      <PageTitle>{t('workQueue.title')}</PageTitle>
      <QueryState isLoading={queue.isLoading} error={queue.error} />
      {queue.data && (
        <Stack>
          {(lead.length > 0 || worker.length === 0) && <QueueSection id="lead" items={lead} />}
          <QueueSection id="worker" items={worker} />
        </Stack>
      )}
    </>
  );
}

function QueueSection({ id, items }: { id: 'lead' | 'worker'; items: WorkItem[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`queue-${id}`}>
      <Title order={2} size="h3" id={`queue-${id}`} mb="sm">
        {t(`workQueue.${id}`, { count: items.length })}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('workQueue.empty')}</Text>
      ) : (
        <TableScroll minWidth={560}>
          <Table striped aria-labelledby={`queue-${id}`} data-testid={`queue-${id}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workQueue.what')}</Table.Th>
                <Table.Th>{t('workQueue.person')}</Table.Th>
                <Table.Th>{t('workQueue.when')}</Table.Th>
                <Table.Th>{t('workQueue.next')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <ItemRow key={`${i.kind}-${i.caseId}-${i.on}`} item={i} />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

function ItemRow({ item }: { item: WorkItem }) {
  const { t, i18n } = useTranslation();
  const deadline = item.days !== null && item.deadline;
  const passed = deadline && (item.days ?? 0) < 0;
  const when =
    item.days === null
      ? formatDate(item.on, i18n.language)
      : passed && item.kind === 'appeal_deadline'
        ? t('decisions.deadlinePassed', { date: formatDate(item.on, i18n.language) })
        : deadline
          ? dayWithDistance(t, i18n.language, item.on, item.days)
          : t('workQueue.waited', { date: formatDate(item.on, i18n.language), count: item.days });
  const to = item.command ? `/cases/${item.caseId}?command=${item.command}` : `/cases/${item.caseId}`;
  return (
    <Table.Tr data-kind={item.kind}>
      <Table.Td>{t(`workQueue.kind.${item.kind}`)}</Table.Td>
      <Table.Td>{item.name ? fullName(item.name) : t('journal.forgottenPerson')}</Table.Td>
      <Table.Td>
        {/* A passed deadline stands out in colour and in words (the text says it passed), never by colour alone. */}
        {passed ? (
          <Badge color="red.9" variant="filled" tt="none" data-testid="deadline-passed">
            {when}
          </Badge>
        ) : (
          when
        )}
      </Table.Td>
      <Table.Td>
        <Link
          to={to}
          aria-label={t('workQueue.openFor', {
            what: item.command ? t(`command.${item.command}`, { defaultValue: humanize(item.command) }) : t('workQueue.openCase'),
            name: fullName(item.name),
          })}
        >
          {item.command ? t(`command.${item.command}`, { defaultValue: humanize(item.command) }) : t('workQueue.openCase')}
        </Link>
      </Table.Td>
    </Table.Tr>
  );
}
