import { useEffect, useRef, useState } from 'react';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useCaseNotes } from '../api/endpoints';
import { requestSchema, useOpenApi } from '../api/openapi';
import type { CaseFull, CommandResponse, Note } from '../api/types';
import { canCommand, useSession } from '../auth/session';
import { SchemaForm } from '../forms/SchemaForm';
import { today, wallTimeOf } from '../util/dates';
import { NoteCard } from './NoteCard';
import { QueryState } from './QueryState';

type Editing = { kind: 'write' } | { kind: 'correct'; note: Note };

/** The case's journal: its notes, newest first, and (for case workers) writing and correcting them. */
export function JournalSection({ kase }: { kase: CaseFull }) {
  const { t } = useTranslation();
  const { roles } = useSession();
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const notes = useCaseNotes(kase.caseId, minPosition);
  const [editing, setEditing] = useState<Editing | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);
  // Whoever may issue commands on this case (case workers of its facility) may write in its journal; a
  // reader from elsewhere (with a stated purpose) gets no commands, and so no writing either.
  const writable = canCommand(roles) && kase.allowedCommands.length > 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="journal-title">
      <Title order={2} size="h3" id="journal-title" mb="sm" tabIndex={-1}>
        {t('journal.title')}
      </Title>
      {writable && !editing && (
        <Button size="xs" variant="light" mb="sm" onClick={() => setEditing({ kind: 'write' })} data-action="write-note">
          {t('journal.write')}
        </Button>
      )}
      {editing && (
        <div>
          <Title order={3} size="h4" mb="sm" ref={headingRef} tabIndex={-1}>
            {editing.kind === 'write' ? t('journal.write') : t('journal.correct')}
          </Title>
          <NoteForm
            kase={kase}
            editing={editing}
            onClose={() => setEditing(null)}
            onDone={(position) => {
              setEditing(null);
              setMinPosition(position ?? undefined);
            }}
          />
        </div>
      )}
      <QueryState isLoading={notes.isLoading} error={notes.error} />
      {notes.data && notes.data.notes.length === 0 && <Text size="sm">{t('journal.none')}</Text>}
      <Stack gap="xs" mt="xs">
        {notes.data?.notes.map((n) => (
          <NoteCard
            key={n.noteId}
            note={n}
            actions={
              writable &&
              !n.forgotten &&
              !editing && (
                <Button size="xs" variant="subtle" mt={4} onClick={() => setEditing({ kind: 'correct', note: n })}>
                  {t('journal.correctThis')}
                </Button>
              )
            }
          />
        ))}
      </Stack>
    </Paper>
  );
}

function NoteForm({ kase, editing, onClose, onDone }: { kase: CaseFull; editing: Editing; onClose(): void; onDone(position: string | null): void }) {
  const { t } = useTranslation();
  const doc = useOpenApi();
  const queryClient = useQueryClient();
  if (!doc.data) return null;
  const path = editing.kind === 'write' ? `/api/v1/cases/${kase.caseId}/notes` : `/api/v1/cases/${kase.caseId}/notes/${editing.note.noteId}/corrections`;
  const schema = requestSchema(doc.data, path);
  if (!schema) return null;
  const defaults =
    editing.kind === 'write'
      ? { today: today(), about: wallTimeOf(new Date()) }
      : { today: today(), about: wallTimeOf(new Date(editing.note.about)), category: editing.note.category, text: editing.note.text ?? '' };

  const submit = async (body: Record<string, unknown>, { idempotencyKey }: { idempotencyKey: string }) => {
    const res = await api<CommandResponse>(path, { method: 'POST', body, idempotencyKey });
    await queryClient.invalidateQueries({ queryKey: ['notes', kase.caseId] });
    notifications.show({ color: 'green', closeButtonProps: { 'aria-label': t('app.close') }, message: t('journal.saved') });
    onDone(res.position);
  };
  return (
    <SchemaForm
      idPrefix={editing.kind === 'write' ? 'note' : 'note-correction'}
      context={editing.kind === 'write' ? 'WriteNote' : 'CorrectNote'}
      schema={schema}
      defaults={defaults}
      submitLabel={t('journal.save')}
      onSubmit={submit}
      onCancel={onClose}
    />
  );
}
