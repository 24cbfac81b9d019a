import { useState } from 'react';
import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { registerPerson, registerReferral, useFacilities } from '../api/endpoints';
import { requestSchema, useOpenApi } from '../api/openapi';
import { PageTitle } from '../components/Layout';
import { PersonSearch } from '../components/PersonSearch';
import { QueryState } from '../components/QueryState';
import { SchemaForm } from '../forms/SchemaForm';
import { today } from '../util/dates';

interface Chosen {
  personId: string;
  name: string;
}

/** What a consent on the form still lacks, by the field label that names it. */
function missingFromConsent(consent: unknown): string[] {
  const c = (consent ?? {}) as { given?: boolean; scope?: string; recipients?: unknown[]; expiresOn?: string };
  return [
    ...(c.given ? [] : ['given']),
    ...(c.scope?.trim() ? [] : ['scope']),
    ...(Array.isArray(c.recipients) && c.recipients.length > 0 ? [] : ['recipients']),
    ...(c.expiresOn ? [] : ['expiresOn']),
  ];
}

/**
 * Two steps, as the domain has them: find the person (search before create, so nobody is registered
 * twice), or register them once; then refer them. The consent's parts still missing show beside it.
 */
export function NewReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const doc = useOpenApi();
  const facilities = useFacilities();
  const [person, setPerson] = useState<Chosen | null>(null);
  const [creating, setCreating] = useState(false);
  const [consentMissing, setConsentMissing] = useState<string[]>(missingFromConsent(undefined));

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
          {person ? (
            <Group>
              <Alert color="green" role="status" data-testid="referral-person">
                {t('referral.referring', { name: person.name })}
              </Alert>
              <Button variant="default" size="xs" onClick={() => setPerson(null)}>
                {t('referral.chooseOther')}
              </Button>
            </Group>
          ) : creating ? (
            personSchema && (
              <SchemaForm
                idPrefix="person"
                schema={personSchema}
                defaults={{ today: today() }}
                submitLabel={t('referral.submitPerson')}
                onCancel={() => setCreating(false)}
                onSubmit={async (body, { idempotencyKey }) => {
                  const created = await registerPerson(body, idempotencyKey);
                  setPerson({ personId: created.id, name: `${String(body.givenName)} ${String(body.familyName)}` });
                  setCreating(false);
                }}
              />
            )
          ) : (
            <Stack gap="xs">
              <Text size="sm">{t('referral.searchFirst')}</Text>
              <PersonSearch
                id="referral-person-search"
                chooseLabel={(name) => t('referral.refer', { name })}
                onChoose={(personId, name) => setPerson({ personId, name })}
              />
              <div>
                <Button variant="light" size="xs" onClick={() => setCreating(true)}>
                  {t('referral.newPerson')}
                </Button>
              </div>
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="step-referral">
          <Title order={2} size="h3" id="step-referral" mb="sm">
            {t('referral.referralStep')}
          </Title>
          {!person && <Text size="sm">{t('referral.personFirst')}</Text>}
          {person && referralSchema && (
            <>
              <SchemaForm
                // Another person gives the form a new identity, so the hidden person id is theirs.
                key={person.personId}
                idPrefix="referral"
                schema={referralSchema}
                defaults={{ today: today(), personId: person.personId, consent: { given: false, scope: '', date: today() } }}
                choices={{ facilityId: facilityChoices }}
                hidden={['personId']}
                onValuesChange={(values) => setConsentMissing(missingFromConsent(values.consent))}
                submitLabel={t('referral.submitReferral')}
                onSubmit={async (body, { idempotencyKey }) => {
                  const res = await registerReferral(body, idempotencyKey);
                  void navigate(`/cases/${res.id}`, { state: { created: true } });
                }}
              />
              {consentMissing.length > 0 && (
                <Alert color="yellow" mt="sm" title={t('referral.consentMissing')} data-testid="consent-missing">
                  <List size="sm">
                    {consentMissing.map((f) => (
                      <List.Item key={f}>{t(`referral.consentPart.${f}`)}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
