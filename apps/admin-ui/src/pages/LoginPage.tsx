import { useState } from 'react';
import { Alert, Button, Container, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';

export function LoginPage() {
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
      // Say the same for an unknown user and a wrong password; a lock-out's own message is shown as is.
      setError(err instanceof ApiError && err.status !== 401 ? err.message : t('login.failed'));
    }
  };

  return (
    <Container size={420} my={60} component="main">
      <Title order={1} ta="center" mb="lg">{t('app.title')}</Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">{t('login.title')}</Title>
            {reason === 'expired' && <Alert color="yellow" role="status">{t('login.expired')}</Alert>}
            {reason === 'logged_out' && <Alert color="blue" role="status">{t('login.loggedOut')}</Alert>}
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput id="username" label={t('login.username')} autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput id="password" label={t('login.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={loading}>{t('login.submit')}</Button>
            <NativeSelect
              label={t('app.language')}
              value={i18n.language}
              onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
              data={[{ value: 'nb', label: 'Norsk bokmål' }, { value: 'en', label: 'English' }]}
            />
            <Text size="xs" c="dimmed">{t('login.adminNote')}</Text>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
