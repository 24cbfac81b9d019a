import { useRef } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AllowedCommand } from '../api/types';
import { humanize } from '../i18n';

interface Props {
  /** The destructive action asked for, or null when the dialog is closed. */
  command: AllowedCommand | null;
  /** The button that asked: focus goes back to it when the user thinks better of it. */
  opener: HTMLElement | null;
  onCancel(): void;
  onConfirm(command: AllowedCommand): void;
}

/**
 * Before the form of an action that ends something opens: what it will do, in words, and that nothing
 * is recorded until its form is saved. Cancelling leaves the page as it was.
 */
export function ConfirmActionDialog({ command, opener, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  // Kept while the dialog fades out, so its text does not vanish before it does.
  const shown = useRef<AllowedCommand | null>(null);
  const askedBy = useRef<HTMLElement | null>(null);
  const confirmed = useRef(false);
  if (command) shown.current = command;
  if (opener) askedBy.current = opener;
  const current = command ?? shown.current;
  const label = current ? t(`command.${current.type}`, { defaultValue: humanize(current.type) }) : '';
  return (
    <Modal
      opened={!!command}
      onClose={onCancel}
      // Confirmed, the form's heading takes focus; cancelled, the action's own button gets it back.
      returnFocus={false}
      onExitTransitionEnd={() => {
        if (!confirmed.current && askedBy.current?.isConnected) askedBy.current.focus();
        confirmed.current = false;
      }}
      title={t('caseActions.confirmTitle', { action: label })}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {current && (
        <>
          <Text size="sm" mb="xs" data-testid="confirm-consequence">
            {t(`caseActions.consequence.${current.type}`)}
          </Text>
          <Text size="sm">{t('caseActions.confirmNote')}</Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onCancel} data-autofocus>
              {t('case.cancel')}
            </Button>
            <Button
              color="red.9"
              onClick={() => {
                confirmed.current = true;
                onConfirm(current);
              }}
            >
              {t('caseActions.confirm', { action: label })}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
