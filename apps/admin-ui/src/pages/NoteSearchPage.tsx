import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNoteSearch } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { NoteCard } from '../components/NoteCard';
import { QueryState } from '../components/QueryState';

/** Search the journal notes of one's facilities by words of their text. */
export function NoteSearchPage() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const found = useNoteSearch(q);
  return (
    <>
      <PageTitle>{t('noteSearch.title')}</PageTitle>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <Group align="end" mb="md">
          <TextInput
            id="note-search-q"
            label={t('noteSearch.label')}
            description={t('noteSearch.help')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit">{t('noteSearch.submit')}</Button>
        </Group>
      </form>
      <QueryState isLoading={found.isLoading && q.length >= 2} error={found.error} />
      {found.data && (
        <section aria-label={t('noteSearch.results')}>
          <Text size="sm" mb="xs" role="status">
            {t('noteSearch.count', { count: found.data.notes.length })}
          </Text>
          <Stack gap="xs">
            {found.data.notes.map((n) => (
              <NoteCard key={n.noteId} note={n} withPerson />
            ))}
          </Stack>
          {found.data.truncated && <Text size="sm">{t('noteSearch.truncated')}</Text>}
        </section>
      )}
    </>
  );
}
