import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { recordWrite } from '../api/last-write';
import { requestSchema, useOpenApi } from '../api/openapi';
import type { AllowedCommand, CaseFull, CommandResponse, OccupancyUnit } from '../api/types';
import { SchemaForm } from '../forms/SchemaForm';
import { formatDateTime } from '../util/dates';
import { commandChoices, commandDefaults } from './command-inputs';
import { ActionBar } from './ActionBar';
import { humanize } from '../i18n';

interface Props {
  kase: CaseFull;
  units: OccupancyUnit[];
  onDone(position: string | null): void;
}

/** Only the commands the API says this case allows for this user, each as a form of its own. */
export function CommandPanel({ kase, units, onDone }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<AllowedCommand | null>(null);
  // Kept here, not in the bar: the bar makes way for the form, and the form's command must be findable again when it closes.
  const [expanded, setExpanded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const lastOpened = useRef<string | null>(null);
  // Arriving from the work queue with the command that clears the item: open its form, once.
  const [params, setParams] = useSearchParams();
  const asked = params.get('command');
  useEffect(() => {
    if (!asked) return;
    const command = kase.allowedCommands.find((c) => c.type === asked);
    if (command) setOpen(command);
    setParams(
      (p) => {
        p.delete('command');
        return p;
      },
      { replace: true },
    );
  }, [asked, kase.allowedCommands, setParams]);
  useEffect(() => {
    if (open) {
      lastOpened.current = open.type;
      headingRef.current?.focus();
      return;
    }
    // The form closed (saved or cancelled) and took the focused element with it: back to the command that
    // opened it, or to this section's heading when the case no longer allows that command.
    if (!lastOpened.current || !sectionRef.current) return;
    const section = sectionRef.current;
    const button = section.querySelector<HTMLElement>(`[data-command="${lastOpened.current}"]`);
    (button ?? section.querySelector<HTMLElement>('#actions-title'))?.focus();
    lastOpened.current = null;
  }, [open]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="actions-title" ref={sectionRef}>
      <Title order={2} size="h3" id="actions-title" mb="sm" tabIndex={-1}>
        {t('case.actions')}
      </Title>
      {kase.allowedCommands.length === 0 && <Text size="sm">{t('case.noActions')}</Text>}
      {!open && <ActionBar kase={kase} expanded={expanded} onExpandedChange={setExpanded} onOpen={setOpen} />}
      {open && (
        <div>
          <Title order={3} size="h4" mb="sm" ref={headingRef} tabIndex={-1}>
            {t(`command.${open.type}`, { defaultValue: humanize(open.type) })}
          </Title>
          <CommandForm
            kase={kase}
            units={units}
            command={open}
            onClose={() => setOpen(null)}
            onDone={(p) => {
              setOpen(null);
              onDone(p);
            }}
          />
        </div>
      )}
    </Paper>
  );
}

function CommandForm({
  kase,
  units,
  command,
  onClose,
  onDone,
}: {
  kase: CaseFull;
  units: OccupancyUnit[];
  command: AllowedCommand;
  onClose(): void;
  onDone(position: string | null): void;
}) {
  const { t, i18n } = useTranslation();
  const doc = useOpenApi();
  const queryClient = useQueryClient();
  if (!doc.data) return null;
  const schema = requestSchema(doc.data, command.path);
  if (!schema) return <Alert color="red">{command.path}</Alert>;

  const choices = commandChoices(kase, units, t);
  const defaults = commandDefaults(kase, command.type);

  const submit = async (body: Record<string, unknown>, { idempotencyKey }: { idempotencyKey: string }) => {
    const res = await api<CommandResponse>(command.path, { method: 'POST', body, ifMatch: kase.revision, idempotencyKey });
    // The case is read from its stream (always current); the read models wait for `position`.
    await queryClient.invalidateQueries({ queryKey: ['case', kase.caseId] });
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
    recordWrite(res.position);
    await queryClient.invalidateQueries({ queryKey: ['work-queue'] });
    notifications.show({
      color: 'green',
      closeButtonProps: { 'aria-label': t('app.close') },
      message: t('case.done', { events: t(`command.${command.type}`, { defaultValue: humanize(command.type) }) }),
    });
    onDone(res.position);
  };

  // Everything on the page that the other person's change can have moved: the case, its timeline, the units.
  const reload = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['case', kase.caseId] }),
      queryClient.invalidateQueries({ queryKey: ['timeline', kase.personId] }),
      queryClient.invalidateQueries({ queryKey: ['occupancy', kase.facility.facilityId] }),
    ]);
    onClose();
  };

  const renderError = (e: ApiError) => {
    if (e.status !== 409 || !e.problem.lastChange) return undefined;
    const lc = e.problem.lastChange;
    return (
      <Alert color="red" title={t('case.conflictTitle')} role="alert">
        <Text size="sm" mb="xs">
          {t('case.conflict', {
            role: t(`role.${lc.actorRole}`, { defaultValue: lc.actorRole }),
            event: t(`events.${lc.eventType}`, { defaultValue: humanize(lc.eventType) }),
            at: formatDateTime(lc.recordedAt, i18n.language),
          })}
        </Text>
        <Button size="xs" onClick={reload}>
          {t('case.reload')}
        </Button>
      </Alert>
    );
  };

  return (
    <SchemaForm
      idPrefix={`cmd-${command.type}`}
      context={command.type}
      // The case's own facility is the only one allowed (case.facility_mismatch): not a thing to choose.
      hidden={['facilityId']}
      schema={schema}
      defaults={defaults}
      choices={choices}
      submitLabel={t('case.submit')}
      onSubmit={submit}
      onCancel={onClose}
      renderError={renderError}
    />
  );
}
