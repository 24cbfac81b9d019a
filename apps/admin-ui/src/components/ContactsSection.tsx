import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { recordWrite } from '../api/last-write';
import { useCaseContacts } from '../api/endpoints';
import { requestSchema, useOpenApi } from '../api/openapi';
import type { CaseFull, CommandResponse, FollowUpContact } from '../api/types';
import { canCommand, useSession } from '../auth/session';
import { SchemaForm } from '../forms/SchemaForm';
import { formatDate, formatDateTime, today, wallTimeOf } from '../util/dates';
import { QueryState } from './QueryState';
import { StaffName } from './StaffName';

/**
 * The case's contact log (ambulant follow-up, follow-up after move-out): each contact newest first,
 * and, for case workers of its facility, recording a new one. Who may record is who may write notes.
 */
export function ContactsSection({ kase }: { kase: CaseFull }) {
  const { t } = useTranslation();
  const { roles } = useSession();
  const contacts = useCaseContacts(kase.caseId);
  const [recording, setRecording] = useState(false);
  const writable = canCommand(roles) && kase.allowedCommands.length > 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contacts-title">
      <Title order={2} size="h3" id="contacts-title" mb="sm">
        {t('contacts.title')}
      </Title>
      {writable && !recording && (
        <Button size="xs" variant="light" mb="sm" onClick={() => setRecording(true)} data-action="record-contact">
          {t('contacts.record')}
        </Button>
      )}
      {recording && <ContactForm kase={kase} onClose={() => setRecording(false)} />}
      <QueryState isLoading={contacts.isLoading} error={contacts.error} />
      {contacts.data && contacts.data.contacts.length === 0 && <Text size="sm">{t('contacts.none')}</Text>}
      <Stack gap="xs" mt="xs">
        {contacts.data?.contacts.map((c) => (
          <ContactCard key={c.contactId} contact={c} />
        ))}
      </Stack>
    </Paper>
  );
}

function ContactCard({ contact }: { contact: FollowUpContact }) {
  const { t, i18n } = useTranslation();
  const parties = contact.parties.map((p) => t(`enum.${p}`, { defaultValue: p })).join(', ');
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={t('contacts.cardLabel', { at: formatDateTime(contact.about, i18n.language) })}
      data-contact={contact.contactId}
    >
      <Group gap="xs" mb={4}>
        <Badge variant="light" color="dark">
          {t(`enum.${contact.kind}`, { defaultValue: contact.kind })}
        </Badge>
        <Text size="sm" fw={600} component="span">
          {formatDateTime(contact.about, i18n.language)}
        </Text>
        <Text size="sm" component="span">
          {t('contacts.minutes', { count: contact.durationMinutes })}
        </Text>
      </Group>
      <Text size="sm">{parties ? t('contacts.with', { parties }) : t('contacts.alone')}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="contact-outcome">
        {contact.outcome ?? t('contacts.forgottenOutcome')}
      </Text>
      {contact.nextPlannedOn && <Text size="sm">{t('contacts.next', { on: formatDate(contact.nextPlannedOn, i18n.language) })}</Text>}
      <Text size="xs" c="dimmed" mt={4}>
        {t('contacts.recordedBy')} <StaffName name={contact.authorName} role={contact.authorRole} id={contact.authorId} />
      </Text>
    </Paper>
  );
}

function ContactForm({ kase, onClose }: { kase: CaseFull; onClose(): void }) {
  const { t } = useTranslation();
  const doc = useOpenApi();
  const queryClient = useQueryClient();
  if (!doc.data) return null;
  const path = `/api/v1/cases/${kase.caseId}/contacts`;
  const schema = requestSchema(doc.data, path);
  if (!schema) return null;
  const submit = async (body: Record<string, unknown>, { idempotencyKey }: { idempotencyKey: string }) => {
    const res = await api<CommandResponse>(path, { method: 'POST', body, idempotencyKey });
    await queryClient.invalidateQueries({ queryKey: ['contacts', kase.caseId] });
    recordWrite(res.position);
    await Promise.all(['work-queue', 'caseload'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    notifications.show({ color: 'green', closeButtonProps: { 'aria-label': t('app.close') }, message: t('contacts.saved') });
    onClose();
  };
  return (
    <SchemaForm
      idPrefix="contact"
      context="RecordContact"
      schema={schema}
      defaults={{ today: today(), about: wallTimeOf(new Date()), parties: [] }}
      submitLabel={t('contacts.save')}
      onSubmit={submit}
      onCancel={onClose}
    />
  );
}
