import { useState } from 'react';
import { Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCases, useFacilities } from '../api/endpoints';
import { CASE_STATUSES } from '../api/types';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../util/dates';
import { StatusBadge } from '../components/StatusBadge';
import { fullName } from '../util/names';
import { TableScroll } from '../components/TableScroll';

const PAGE = 25;

export function CasesPage() {
  const { t, i18n } = useTranslation();
  // The search lives in the URL, so back/forward and a shared link restore it.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const facilityId = params.get('facilityId') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  const [text, setText] = useState(q);
  const cases = useCases({ q, status, facilityId, limit: PAGE, offset });
  const facilities = useFacilities();
  const facilityName = (id: string) => facilities.data?.facilities.find((f) => f.facilityId === id)?.name ?? id;

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('offset' in patch)) next.delete('offset');
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('cases.title')}</PageTitle>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text });
        }}
      >
        <Group align="end" mb="md">
          <TextInput id="case-search" label={t('cases.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} type="search" />
          <NativeSelect
            id="case-status"
            label={t('cases.status')}
            value={status}
            onChange={(e) => set({ status: e.currentTarget.value })}
            data={[{ value: '', label: t('cases.anyStatus') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <NativeSelect
            id="case-facility"
            label={t('cases.facility')}
            value={facilityId}
            onChange={(e) => set({ facilityId: e.currentTarget.value })}
            data={[{ value: '', label: t('cases.anyFacility') }, ...(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name }))]}
          />
          <Button type="submit">{t('cases.search').split(' ')[0]}</Button>
        </Group>
      </form>
      <QueryState isLoading={cases.isLoading} error={cases.error} />
      {cases.data && (
        <>
          <Text size="sm" role="status" mb="xs">
            {t('cases.count', { count: cases.data.total })}
          </Text>
          {cases.data.items.length === 0 ? (
            <Text>{t('cases.empty')}</Text>
          ) : (
            <TableScroll>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('cases.name')}</Table.Th>
                    <Table.Th scope="col">{t('cases.born')}</Table.Th>
                    <Table.Th scope="col">{t('cases.status')}</Table.Th>
                    <Table.Th scope="col">{t('cases.facility')}</Table.Th>
                    <Table.Th scope="col">{t('cases.referredOn')}</Table.Th>
                    <Table.Th scope="col">{t('cases.lastEvent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cases.data.items.map((c) => (
                    <Table.Tr key={c.caseId}>
                      <Table.Td>
                        <Link to={`/cases/${c.caseId}`}>{fullName(c.name)}</Link>
                      </Table.Td>
                      <Table.Td>{c.birthYear ?? ''}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>{facilityName(c.facilityId)}</Table.Td>
                      <Table.Td>{formatDate(c.referredOn, i18n.language)}</Table.Td>
                      <Table.Td>{formatDate(c.lastEventOn, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
          <Group mt="sm">
            <Button variant="default" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>
              {t('cases.prev')}
            </Button>
            <Button variant="default" disabled={offset + PAGE >= cases.data.total} onClick={() => set({ offset: String(offset + PAGE) })}>
              {t('cases.next')}
            </Button>
          </Group>
        </>
      )}
    </>
  );
}
