import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { adminCommand } from '../../api/endpoints';
import { requestSchema, useOpenApi } from '../../api/openapi';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SchemaForm, type Choices } from '../../forms/SchemaForm';
import type { FieldDefaults } from '../../forms/schema-values';
import { today } from '../../util/dates';

type Result = { id: string; position: string | null };

/** After an administrator's write, every list of accounts and facilities is read again (with the write's position). */
function useAfterWrite() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return async (message: string) => {
    await Promise.all(['users', 'facility', 'facilities'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    notifications.show({ color: 'green', closeButtonProps: { 'aria-label': t('app.close') }, message });
  };
}

interface FormProps {
  /** The command's path: its request schema draws the form, and the form is sent there. */
  path: string;
  idPrefix: string;
  submitLabel: string;
  defaults?: Omit<FieldDefaults, 'today'>;
  choices?: Choices;
  onCancel?(): void;
  /** What the notification says once it is saved (default: "Lagret"). */
  doneMessage?(result: Result): string;
  onDone?(result: Result): void;
}

/** An administrator's command as a form drawn from the API's schema (see SchemaForm). */
export function AdminForm({ path, idPrefix, submitLabel, defaults = {}, choices, onCancel, doneMessage, onDone }: FormProps) {
  const { t } = useTranslation();
  const doc = useOpenApi();
  const afterWrite = useAfterWrite();
  // Saved: a fresh, empty form (a new password is not left in the field), with a new idempotency key.
  const [round, setRound] = useState(0);
  if (!doc.data) return <QueryState isLoading={doc.isLoading} error={doc.error} />;
  const schema = requestSchema(doc.data, path);
  if (!schema) return null;
  return (
    <SchemaForm
      key={round}
      idPrefix={idPrefix}
      schema={schema}
      defaults={{ today: today(), ...defaults }}
      choices={choices}
      submitLabel={submitLabel}
      onCancel={onCancel}
      onSubmit={async (body, { idempotencyKey }) => {
        const result = await adminCommand(path, body, idempotencyKey);
        await afterWrite(doneMessage?.(result) ?? t('admin.saved'));
        setRound((r) => r + 1);
        onDone?.(result);
      }}
    />
  );
}

/** A command without a form (disable, enable, revoke, approve): one button, and the problem under it if refused. */
export function CommandButton({
  path,
  body = {},
  label,
  color,
  doneMessage,
}: {
  path: string;
  body?: unknown;
  label: string;
  color?: string;
  doneMessage: string;
}) {
  const afterWrite = useAfterWrite();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await adminCommand(path, body, newIdempotencyKey());
      await afterWrite(doneMessage);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Button size="xs" variant="light" color={color} loading={busy} onClick={() => void run()}>
        {label}
      </Button>
      {error && <ProblemAlert error={error} />}
    </div>
  );
}
