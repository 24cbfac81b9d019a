import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Text, TextInput } from '@mantine/core';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setPurposeProvider } from '../api/client';
import { focusPageStart } from './page-focus';

// HTTP header values are Latin-1 (æ, ø and å included): other characters cannot be sent in X-Access-Purpose.
const SENDABLE = /^[\u0020-\u007e\u00a0-\u00ff]*$/;
const MAX_LENGTH = 500;

/**
 * Asks for the purpose of a read outside the user's facilities when the API says one is needed, and
 * hands it to the client, which repeats the request with it. The reads a page makes together (the case,
 * then the person and the timeline) share one answer: it is kept until the user leaves the page, so
 * each file opened on purpose is asked for once, and nothing carries over to the next file.
 */
export function PurposePrompt() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ promise: Promise<string | null>; resolve(purpose: string | null): void } | null>(null);
  const given = useRef<string | null>(null);
  // What had focus when the prompt opened: it gets focus back when the prompt closes.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    given.current = null;
  }, [pathname]);

  useEffect(() => {
    setPurposeProvider(() => {
      if (given.current) return Promise.resolve(given.current);
      if (!pending.current) {
        let resolve!: (purpose: string | null) => void;
        const promise = new Promise<string | null>((r) => (resolve = r));
        pending.current = { promise, resolve };
        setText('');
        setError(null);
        opener.current = document.activeElement as HTMLElement | null;
        setOpen(true);
      }
      return pending.current.promise;
    });
    return () => setPurposeProvider(null);
  }, []);

  const finish = (purpose: string | null) => {
    given.current = purpose;
    pending.current?.resolve(purpose);
    pending.current = null;
    setOpen(false);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const purpose = text.trim();
    if (!purpose) return setError(t('purpose.required'));
    if (!SENDABLE.test(purpose)) return setError(t('purpose.characters'));
    finish(purpose);
  };

  return (
    <Modal
      opened={open}
      onClose={() => finish(null)}
      // The prompt opens on a page load or a followed link, so there is often nothing (or nothing left) to
      // give focus back to: then the page's own start gets it rather than the document.
      returnFocus={false}
      onExitTransitionEnd={() => {
        const back = opener.current;
        opener.current = null;
        if (back && back !== document.body && back.isConnected) back.focus();
        else focusPageStart();
      }}
      title={t('purpose.title')}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Text size="sm" mb="sm">
          {t('purpose.help')}
        </Text>
        <TextInput
          id="access-purpose"
          label={t('purpose.label')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          maxLength={MAX_LENGTH}
          required
          data-autofocus
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => finish(null)}>
            {t('purpose.cancel')}
          </Button>
          <Button type="submit">{t('purpose.submit')}</Button>
        </Group>
      </form>
    </Modal>
  );
}
