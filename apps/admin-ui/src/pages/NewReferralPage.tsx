import { useState } from 'react';
import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { registerPerson, registerReferral, useFacilities } from '../api/endpoints';
import { requestSchema, useOpenApi } from '../api/openapi';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { SchemaForm } from '../forms/SchemaForm';
import { today } from '../util/dates';

/** Two steps, as the domain has them: the person is registered once, then referred (possibly again later). */
export function NewReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const doc = useOpenApi();
  const facilities = useFacilities();
  const [personId, setPersonId] = useState<string | null>(null);

  if (!doc.data) return <QueryState isLoading={doc.isLoading} error={doc.error} />;
  const personSchema = requestSchema(doc.data, '/api/v1/people');
  const referralSchema = requestSchema(doc.data, '/api/v1/cases');
  const facilityChoices = (facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: `${f.name} (${f.municipality})` }));

  return (
    <>
      <PageTitle>{t('referral.title')}</PageTitle>
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="step-person">
          <Title order={2} size="h3" id="step-person" mb="sm">
            {t('referral.personStep')}
          </Title>
          {personId ? (
            <Alert color="green" role="status">
              {t('referral.personDone')}
            </Alert>
          ) : (
            personSchema && (
              <SchemaForm
                idPrefix="person"
                schema={personSchema}
                defaults={{ today: today() }}
                submitLabel={t('referral.submitPerson')}
                onSubmit={async (body, { idempotencyKey }) => setPersonId((await registerPerson(body, idempotencyKey)).id)}
              />
            )
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="step-referral">
          <Title order={2} size="h3" id="step-referral" mb="sm">
            {t('referral.referralStep')}
          </Title>
          {referralSchema && (
            <SchemaForm
              // A new person gives the form a new identity, so its person id field is filled in anew.
              key={personId ?? 'none'}
              idPrefix="referral"
              schema={referralSchema}
              defaults={{ today: today(), personId: personId ?? '', consent: { given: false, scope: '', date: today() } }}
              choices={{ facilityId: facilityChoices }}
              submitLabel={t('referral.submitReferral')}
              onSubmit={async (body, { idempotencyKey }) => {
                const res = await registerReferral(body, idempotencyKey);
                void navigate(`/cases/${res.id}`, { state: { created: true } });
              }}
            />
          )}
        </Paper>
      </Stack>
    </>
  );
}
