import { useState } from 'react';
import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { problemText } from '../i18n/problem-text';
import { LanguageSelect } from '../components/LanguageSelect';

/** `notice`: a message key to show above the form (e.g. that the first administrator was created). */
export function LoginPage({ notice }: { notice?: string }) {
  const { t, i18n } = useTranslation();
  const { login, loading, reason } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      // The same for an unknown user and a wrong password; a refusal by the throttle (429) by its rule,
      // with the wait, in the user's language; never the API's English text.
      if (err instanceof ApiError && err.problem.rule && i18n.exists(`rules.${err.problem.rule}`)) setError(problemText(t, (k) => i18n.exists(k), err.problem));
      else if (!(err instanceof ApiError) || err.status >= 500) setError(t('login.unavailable'));
      else setError(t('login.failed'));
    }
  };

  return (
    <Container size={420} my={60} component="main">
      <Title order={1} ta="center" mb="lg">
        {t('app.title')}
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              {t('login.title')}
            </Title>
            {notice && (
              <Alert color="green" role="status">
                {t(notice)}
              </Alert>
            )}
            {reason === 'expired' && (
              <Alert color="yellow" role="status">
                {t('login.expired')}
              </Alert>
            )}
            {reason === 'logged_out' && (
              <Alert color="blue" role="status">
                {t('login.loggedOut')}
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              id="username"
              label={t('login.username')}
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              id="password"
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={loading}>
              {t('login.submit')}
            </Button>
            <LanguageSelect labelled />
            <Text size="xs" c="dimmed">
              {t('login.adminNote')}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
