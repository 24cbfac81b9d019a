import { useState } from 'react';
import { Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFacilities, useHandover } from '../api/endpoints';
import type { HandoverContact, HandoverIncident } from '../api/types';
import { StaffName } from '../components/StaffName';
import { PageTitle } from '../components/Layout';
import { NoteCard } from '../components/NoteCard';
import { QueryState } from '../components/QueryState';
import { formatDate, formatDateTime, instantOfWallTime, wallTimeOf } from '../util/dates';
import { fullName } from '../util/names';

/** A shift is about twelve hours: by default the handover shows what happened since the last one began. */
const SHIFT_HOURS = 12;

/** The shift handover: the facility's notes and incidents since a chosen time, newest first. */
export function HandoverPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const facilities = useFacilities();
  const { facilityId = facilities.data?.facilities[0]?.facilityId } = useParams();
  const [since, setSince] = useState(() => wallTimeOf(new Date(Date.now() - SHIFT_HOURS * 3_600_000)));
  const sinceInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(since) ? instantOfWallTime(since) : '';
  const handover = useHandover(facilityId, sinceInstant);

  return (
    <>
      <PageTitle>{t('handover.title')}</PageTitle>
      <Group align="end" mb="md">
        <NativeSelect
          id="handover-facility"
          label={t('occupancy.chooseFacility')}
          maw={400}
          value={facilityId ?? ''}
          onChange={(e) => navigate(`/handover/${e.currentTarget.value}`)}
          data={(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name }))}
        />
        <TextInput id="handover-since" type="datetime-local" label={t('handover.since')} value={since} onChange={(e) => setSince(e.currentTarget.value)} />
      </Group>
      <QueryState isLoading={handover.isLoading || facilities.isLoading} error={handover.error ?? facilities.error} />
      {handover.data && (
        <Stack>
          <section aria-labelledby="handover-notes">
            <Title order={2} size="h3" id="handover-notes" mb="xs">
              {t('handover.notes', { count: handover.data.notes.length })}
            </Title>
            {handover.data.notes.length === 0 && <Text size="sm">{t('handover.noNotes')}</Text>}
            <Stack gap="xs">
              {handover.data.notes.map((n) => (
                <NoteCard key={n.noteId} note={n} withPerson />
              ))}
            </Stack>
            {handover.data.truncated && <Text size="sm">{t('handover.truncated')}</Text>}
          </section>
          <section aria-labelledby="handover-incidents">
            <Title order={2} size="h3" id="handover-incidents" mb="xs">
              {t('handover.incidents', { count: handover.data.incidents.length })}
            </Title>
            {handover.data.incidents.length === 0 && <Text size="sm">{t('handover.noIncidents')}</Text>}
            <Stack gap="xs">
              {handover.data.incidents.map((i) => (
                <IncidentRow key={`${i.caseId}-${i.incidentId}`} incident={i} />
              ))}
            </Stack>
          </section>
          <section aria-labelledby="handover-contacts">
            <Title order={2} size="h3" id="handover-contacts" mb="xs">
              {t('handover.contacts', { count: handover.data.contacts.length })}
            </Title>
            {handover.data.contacts.length === 0 && <Text size="sm">{t('handover.noContacts')}</Text>}
            <Stack gap="xs">
              {handover.data.contacts.map((c) => (
                <ContactRow key={c.contactId} contact={c} />
              ))}
            </Stack>
          </section>
        </Stack>
      )}
    </>
  );
}

function IncidentRow({ incident }: { incident: HandoverIncident }) {
  const { t, i18n } = useTranslation();
  const code = (c: string) => t(`enum.${c}`, { defaultValue: c });
  const on = formatDate(incident.on, i18n.language);
  return (
    <Paper withBorder p="sm" component="article" aria-label={t('handover.incidentOn', { on })}>
      <Text size="sm">
        <strong>{on}</strong> · {code(incident.kind)} · {t('handover.severity', { severity: code(incident.severity) })} ·{' '}
        <Link to={`/cases/${incident.caseId}`}>{incident.name ? fullName(incident.name) : t('journal.forgottenPerson')}</Link>
      </Text>
      <Text size="xs" c="dimmed">
        {incident.recordedByRole ? t(`role.${incident.recordedByRole}`, { defaultValue: incident.recordedByRole }) : '—'}
      </Text>
    </Paper>
  );
}

function ContactRow({ contact }: { contact: HandoverContact }) {
  const { t, i18n } = useTranslation();
  const code = (c: string) => t(`enum.${c}`, { defaultValue: c });
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={t('handover.contactAt', { at: formatDateTime(contact.about, i18n.language) })}
      data-contact={contact.contactId}
    >
      <Text size="sm">
        <strong>{formatDateTime(contact.about, i18n.language)}</strong> · {code(contact.kind)} · {t('contacts.minutes', { count: contact.durationMinutes })}
        {contact.parties.length > 0 && ` · ${contact.parties.map(code).join(', ')}`} ·{' '}
        <Link to={`/cases/${contact.caseId}`}>{contact.name ? fullName(contact.name) : t('journal.forgottenPerson')}</Link>
      </Text>
      <Text size="xs" c="dimmed">
        <StaffName name={contact.recordedBy} role={contact.recordedByRole} />
      </Text>
    </Paper>
  );
}
