import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setUp } from '../../api/endpoints';
import { requestSchema, useOpenApi } from '../../api/openapi';
import { QueryState } from '../../components/QueryState';
import { SchemaForm } from '../../forms/SchemaForm';
import { today } from '../../util/dates';

/**
 * First run: no administrator exists yet. Whoever started the server pastes the one-time setup token it
 * printed and creates the first administrator, who then logs in (onDone shows the login page).
 */
export function SetupPage({ onDone, onLogin }: { onDone(): void; onLogin(): void }) {
  const { t } = useTranslation();
  const doc = useOpenApi();
  const schema = doc.data && requestSchema(doc.data, '/api/v1/setup');
  return (
    <Container size={520} my={60} component="main">
      <Title order={1} ta="center" mb="lg">
        {t('app.title')}
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <Stack>
          <Title order={2} size="h3">
            {t('setup.title')}
          </Title>
          <Text size="sm">{t('setup.intro')}</Text>
          {!schema && <QueryState isLoading={doc.isLoading} error={doc.error} />}
          {schema && (
            <SchemaForm
              idPrefix="setup"
              context="setup"
              schema={schema}
              defaults={{ today: today() }}
              submitLabel={t('setup.submit')}
              onSubmit={async (body) => {
                await setUp(body);
                onDone();
              }}
            />
          )}
          <Text size="sm">{t('setup.alreadyDone')}</Text>
          <div>
            <Button variant="default" size="xs" onClick={onLogin}>
              {t('setup.toLogin')}
            </Button>
          </div>
        </Stack>
      </Paper>
    </Container>
  );
}
