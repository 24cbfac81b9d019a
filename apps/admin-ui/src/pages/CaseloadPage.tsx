import { useState } from 'react';
import { NativeSelect, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCaseload, useContactPersons } from '../api/endpoints';
import type { CaseloadEntry } from '../api/types';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../util/dates';
import { fullName } from '../util/names';
import { TableScroll } from '../components/TableScroll';

/** A contact person's caseload: whom they follow, the latest contact, days since it and the next planned. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const persons = useContactPersons();
  const [chosen, setChosen] = useState('');
  const contactPerson = chosen || persons.data?.contactPersons[0] || '';
  const caseload = useCaseload(contactPerson);
  return (
    <>
      <PageTitle>{t('caseload.title')}</PageTitle>
      <NativeSelect
        id="caseload-person"
        label={t('caseload.contactPerson')}
        maw={400}
        mb="md"
        value={contactPerson}
        onChange={(e) => setChosen(e.currentTarget.value)}
        data={(persons.data?.contactPersons ?? []).map((p) => ({ value: p, label: p }))}
      />
      <QueryState isLoading={persons.isLoading || caseload.isLoading} error={persons.error ?? caseload.error} />
      {persons.data && persons.data.contactPersons.length === 0 && <Text size="sm">{t('caseload.noContactPersons')}</Text>}
      {caseload.data && caseload.data.entries.length === 0 && <Text size="sm">{t('caseload.none')}</Text>}
      {caseload.data && caseload.data.entries.length > 0 && (
        <TableScroll minWidth={640}>
          <Table striped data-testid="caseload">
            <Table.Caption>{t('caseload.caption', { name: caseload.data.contactPerson, count: caseload.data.entries.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('caseload.person')}</Table.Th>
                <Table.Th>{t('caseload.status')}</Table.Th>
                <Table.Th>{t('caseload.lastContact')}</Table.Th>
                <Table.Th>{t('caseload.daysSince')}</Table.Th>
                <Table.Th>{t('caseload.nextPlanned')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caseload.data.entries.map((e) => (
                <EntryRow key={e.caseId} entry={e} />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

function EntryRow({ entry }: { entry: CaseloadEntry }) {
  const { t, i18n } = useTranslation();
  const last = entry.lastContact;
  return (
    <Table.Tr>
      <Table.Td>
        <Link to={`/cases/${entry.caseId}`}>{entry.name ? fullName(entry.name) : t('journal.forgottenPerson')}</Link>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={entry.status} />
      </Table.Td>
      <Table.Td>{last ? `${formatDate(last.on, i18n.language)} · ${t(`enum.${last.kind}`, { defaultValue: last.kind })}` : t('caseload.never')}</Table.Td>
      <Table.Td>{entry.daysSinceContact ?? '—'}</Table.Td>
      <Table.Td>{entry.nextPlannedOn ? formatDate(entry.nextPlannedOn, i18n.language) : '—'}</Table.Td>
    </Table.Tr>
  );
}
