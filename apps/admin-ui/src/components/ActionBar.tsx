import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AllowedCommand, CaseFull } from '../api/types';
import { humanize } from '../i18n';
import { arrangeActions, isDestructive } from './case-actions';
import { ConfirmActionDialog } from './ConfirmActionDialog';

interface Props {
  kase: CaseFull;
  /** Whether the other actions are shown beside the next step (always, when the case has none). */
  expanded: boolean;
  onExpandedChange(expanded: boolean): void;
  onOpen(command: AllowedCommand): void;
}

/**
 * The case's allowed actions in order of weight: the next step of its lifecycle as the one filled
 * button; the others behind "Flere handlinger", with those that end something apart and in red, each
 * confirmed in a dialog before its form opens.
 */
export function ActionBar({ kase, expanded, onExpandedChange, onOpen }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<{ command: AllowedCommand; opener: HTMLElement } | null>(null);
  const { next, more, destructive } = arrangeActions(kase.status, kase.allowedCommands);
  // Without a next step (a resident's everyday work) nothing is prominent, so nothing is tucked away either.
  const showMore = !next || expanded;
  const label = (c: AllowedCommand) => t(`command.${c.type}`, { defaultValue: humanize(c.type) });
  const ask = (c: AllowedCommand, opener: HTMLElement) => (isDestructive(c) ? setConfirming({ command: c, opener }) : onOpen(c));
  const button = (c: AllowedCommand, look: 'next' | 'more') => (
    <Button
      key={c.type}
      size={look === 'next' ? 'sm' : 'xs'}
      variant={look === 'next' ? 'filled' : isDestructive(c) ? 'outline' : 'default'}
      color={isDestructive(c) ? 'red.9' : undefined}
      onClick={(e) => ask(c, e.currentTarget)}
      data-command={c.type}
      data-next-step={look === 'next' || undefined}
    >
      {label(c)}
    </Button>
  );

  return (
    <>
      <Group gap="sm">
        {next && button(next, 'next')}
        {next && more.length + destructive.length > 0 && (
          <Button size="sm" variant="subtle" aria-expanded={showMore} aria-controls="more-actions" onClick={() => onExpandedChange(!showMore)}>
            {t('caseActions.more')}
          </Button>
        )}
      </Group>
      {showMore && (
        <Stack id="more-actions" gap="xs" mt="sm">
          {more.length > 0 && (
            <Group gap="xs" role="group" aria-label={t('caseActions.other')}>
              {more.map((c) => button(c, 'more'))}
            </Group>
          )}
          {destructive.length > 0 && (
            <Group gap="xs" role="group" aria-labelledby="ending-actions">
              <Text size="xs" fw={600} c="red.9" id="ending-actions">
                {t('caseActions.ending')}
              </Text>
              {destructive.map((c) => button(c, 'more'))}
            </Group>
          )}
        </Stack>
      )}
      <ConfirmActionDialog
        command={confirming?.command ?? null}
        opener={confirming?.opener ?? null}
        onCancel={() => setConfirming(null)}
        onConfirm={(c) => {
          setConfirming(null);
          onOpen(c);
        }}
      />
    </>
  );
}
