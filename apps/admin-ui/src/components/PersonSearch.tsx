import { useState } from 'react';
import { Button, Group, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePeopleSearch } from '../api/endpoints';
import { fullName } from '../util/names';
import { QueryState } from './QueryState';
import { TableScroll } from './TableScroll';

interface Props {
  /** The search field's id (a page may hold one search per purpose). */
  id: string;
  /** The choose button's text for a person found: it names them, so each button says whom it picks. */
  chooseLabel(name: string): string;
  onChoose(personId: string, name: string): void;
}

/**
 * Finds people by name or identity number through the case search: only people whose cases the user
 * may see (an auditor everywhere), each once, with their birth year to tell namesakes apart.
 */
export function PersonSearch({ id, chooseLabel, onChoose }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const cases = usePeopleSearch(q);
  const found = q ? [...new Map((cases.data?.items ?? []).map((c) => [c.personId, c])).values()] : [];
  return (
    <div>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <Group align="end" mb="sm">
          <TextInput id={id} type="search" label={t('accessLog.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={320} />
          <Button type="submit">{t('accessLog.find')}</Button>
        </Group>
      </form>
      {q && <QueryState isLoading={cases.isLoading} error={cases.error} />}
      {q &&
        cases.data &&
        (found.length === 0 ? (
          <Text size="sm">{t('accessLog.noPeople')}</Text>
        ) : (
          <TableScroll>
            <Table captionSide="top" mb="sm">
              <caption>{t('accessLog.peopleFound', { count: found.length })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cases.name')}</Table.Th>
                  <Table.Th scope="col">{t('cases.born')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('accessLog.choose')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {found.map((c) => {
                  const name = fullName(c.name);
                  return (
                    <Table.Tr key={c.personId}>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td>{c.birthYear ?? '—'}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => onChoose(c.personId, name)}>
                          {chooseLabel(name)}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
    </div>
  );
}
