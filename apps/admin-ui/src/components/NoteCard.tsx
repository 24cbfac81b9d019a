import type { ReactNode } from 'react';
import { Badge, Group, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Note } from '../api/types';
import { formatDateTime } from '../util/dates';
import { fullName } from '../util/names';

/**
 * One journal note: what it is about and when, its current text, who wrote it in which role, and,
 * once corrected, every earlier version with the reason it was corrected (nothing is ever removed).
 * `withPerson`: on lists of several people's notes (handover, search), the person, linked to the case.
 */
export function NoteCard({ note, withPerson = false, actions }: { note: Note; withPerson?: boolean; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const who = (name: string | null, r: string | null) => {
    const roleText = r ? t(`role.${r}`, { defaultValue: r }) : null;
    return name && roleText ? t('staff.nameAndRole', { name, role: roleText }) : (name ?? roleText ?? '—');
  };
  const earlier = note.versions.slice(0, -1).reverse();
  return (
    <Paper withBorder p="sm" component="article" aria-label={t('journal.noteAbout', { at: when(note.about) })} data-note={note.noteId}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Group gap="xs">
          <Badge variant="light" color="dark">
            {t(`enum.${note.category}`, { defaultValue: note.category })}
          </Badge>
          <Text size="sm" fw={600} component="span">
            {when(note.about)}
          </Text>
          {withPerson && (
            <Link to={`/cases/${note.caseId}`} className="note-person">
              {note.name ? fullName(note.name) : t('journal.forgottenPerson')}
            </Link>
          )}
        </Group>
        {note.version > 1 && (
          <Badge variant="outline" color="dark">
            {t('journal.corrected', { version: note.version })}
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="note-text">
        {note.forgotten ? t('journal.forgottenText') : note.text}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('journal.writtenBy', { who: who(note.authorName, note.authorRole), at: when(note.writtenAt) })}
      </Text>
      {earlier.length > 0 && (
        <details className="note-versions">
          <summary>{t('journal.earlierVersions', { count: earlier.length })}</summary>
          <ol>
            {note.versions
              .slice(1)
              .reverse()
              .map((v, i) => (
                <li key={v.version}>
                  <Text size="xs">
                    {t('journal.correctionLine', { version: v.version, who: who(v.authorName, v.authorRole), at: when(v.recordedAt), reason: v.reason ?? '—' })}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('journal.before', { text: earlier[i].text ?? t('journal.forgottenText') })}
                  </Text>
                </li>
              ))}
          </ol>
        </details>
      )}
      {actions}
    </Paper>
  );
}
