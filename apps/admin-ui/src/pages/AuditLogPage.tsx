import { useState } from 'react';
import { Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuditEvents } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../util/dates';
import { StaffName } from '../components/StaffName';
import { streamWords } from '../i18n/code-words';
import { TableScroll } from '../components/TableScroll';

const FILTERS = ['actorId', 'eventType', 'stream', 'correlationId', 'from', 'to'] as const;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const query = { ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])), before: params.get('before') ?? '', limit: 50 };
  const events = useAuditEvents(query);
  const names = t('events', { returnObjects: true }) as Record<string, string>;
  const eventTypes = Object.entries(names)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language));

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, v]) => v)));
  };

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <form onSubmit={apply} aria-label={t('audit.filters')}>
        <Group align="end" mb="md" wrap="wrap">
          {FILTERS.map((f) => {
            const common = {
              id: `audit-${f}`,
              label: t(`audit.${f}`),
              value: draft[f],
              onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
                const v = e.currentTarget.value;
                setDraft((d) => ({ ...d, [f]: v }));
              },
            };
            // The event type is chosen by its name: the recorded type is a code, not a word to type.
            if (f === 'eventType') return <NativeSelect key={f} {...common} data={[{ value: '', label: t('form.choose') }, ...eventTypes]} />;
            return <TextInput key={f} {...common} type={f === 'from' || f === 'to' ? 'date' : 'text'} />;
          })}
          <Button type="submit">{t('audit.apply')}</Button>
        </Group>
      </form>
      <QueryState isLoading={events.isLoading} error={events.error} />
      {events.data && (
        <>
          <TableScroll>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.position')}</Table.Th>
                  <Table.Th scope="col">{t('audit.recordedAt')}</Table.Th>
                  <Table.Th scope="col">{t('audit.eventType')}</Table.Th>
                  <Table.Th scope="col">{t('audit.stream')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.command')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.entries.map((e) => (
                  <Table.Tr key={e.eventId}>
                    <Table.Td>{e.position}</Table.Td>
                    <Table.Td>{formatDateTime(e.recordedAt, i18n.language)}</Table.Td>
                    <Table.Td data-event-type={e.eventType}>{t(`events.${e.eventType}`, { defaultValue: e.eventType })}</Table.Td>
                    <Table.Td data-stream={e.stream}>
                      {e.stream.startsWith('case-') ? (
                        <Link to={`/audit/replay/${e.stream.slice(5)}`}>{streamWords(t, e.stream)}</Link>
                      ) : (
                        streamWords(t, e.stream)
                      )}{' '}
                      #{e.revision}
                    </Table.Td>
                    <Table.Td>
                      <StaffName name={e.actorName} role={e.actorRole} id={e.actorId} />
                    </Table.Td>
                    <Table.Td>{e.commandType ? t(`command.${e.commandType}`, { defaultValue: e.commandType }) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          {events.data.next && (
            <Button
              mt="sm"
              variant="default"
              onClick={() => {
                const n = new URLSearchParams(params);
                n.set('before', events.data!.next!);
                setParams(n);
              }}
            >
              {t('audit.more')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
