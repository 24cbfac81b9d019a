import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCaseSearch } from '../api/endpoints';
import { formatDate } from '../util/dates';
import { fullName } from '../util/names';
import { QueryState } from './QueryState';

/**
 * Finds a case by the person's name or identity number and links each match to `to(caseId)`: an
 * auditor reaches a case's replay from its person, not by pasting an id from somewhere else.
 */
export function CasePicker({ to, linkLabel }: { to(caseId: string): string; linkLabel: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useCaseSearch(q);
  return (
    <Stack gap="xs" mb="md">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <Group align="end">
          <TextInput
            id="case-picker"
            type="search"
            label={t('casePicker.label')}
            description={t('casePicker.help')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={380}
          />
          <Button type="submit">{t('casePicker.search')}</Button>
        </Group>
      </form>
      <QueryState isLoading={found.isLoading} error={found.error} />
      {found.data && (
        <>
          <Text size="sm" role="status">
            {t('casePicker.count', { count: found.data.total })}
          </Text>
          {found.data.items.length > 0 && (
            <ul className="case-picker-results">
              {found.data.items.map((c) => (
                <li key={c.caseId}>
                  <Link to={to(c.caseId)}>
                    {linkLabel}: {fullName(c.name)}
                  </Link>{' '}
                  <Text span size="sm" c="dimmed">
                    {t('casePicker.detail', { born: c.birthYear ?? '—', status: t(`status.${c.status}`), referredOn: formatDate(c.referredOn, i18n.language) })}
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Stack>
  );
}
