import { useState, type ReactNode } from 'react';
import { Alert, Badge, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCase, useFacilities, useOccupancy, usePerson, useTimeline } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { Timeline } from '../components/Timeline';
import { CommandPanel } from '../components/CommandPanel';
import type { CaseView } from '../api/types';

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  // The log position of our last command: the timeline and board wait until they include it.
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const kase = useCase(caseId);
  const person = usePerson(kase.data?.personId);
  const timeline = useTimeline(kase.data?.personId, minPosition);
  const occupancy = useOccupancy(kase.data?.facility.facilityId, minPosition);

  if (!kase.data) return <QueryState isLoading={kase.isLoading} error={kase.error} />;
  const c = kase.data;
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : t('case.title');

  return (
    <>
      <PageTitle>{name}</PageTitle>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <CaseFacts kase={c} unitLabel={occupancy.data?.units.find((u) => u.unitId === c.stay?.unitId)?.label} birthDate={person.data?.birthDate} />
            <CommandPanel kase={c} units={occupancy.data?.units ?? []} onDone={(position) => setMinPosition(position ?? undefined)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
            <Title order={2} size="h3" id="timeline-title" mb="sm">{t('case.timeline')}</Title>
            <QueryState isLoading={timeline.isLoading} error={timeline.error} />
            {timeline.data && <Timeline entries={timeline.data.entries} />}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

function CaseFacts({ kase, unitLabel, birthDate }: { kase: CaseView; unitLabel?: string; birthDate?: string }) {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const facility = facilities.data?.facilities.find((f) => f.facilityId === kase.facility.facilityId);
  const agreement = kase.stay?.agreement;
  const row = (label: string, value: ReactNode) => (
    <>
      <Text component="dt" fw={600} size="sm">{label}</Text>
      <Text component="dd" m={0} mb="xs">{value}</Text>
    </>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="facts-title">
      <Title order={2} size="h3" id="facts-title" mb="sm">{t('case.title')}</Title>
      <dl style={{ margin: 0 }}>
        {row(t('case.status'), <Badge variant="light" color="dark" data-testid="case-status">{t(`status.${kase.status}`)}</Badge>)}
        {birthDate && row(t('case.birthDate'), birthDate)}
        {row(t('case.facility'), facility ? `${facility.name} (${t(`enum.${facility.kind}`, { defaultValue: facility.kind })})` : kase.facility.facilityId)}
        {kase.referredOn && row(t('case.referredOn'), kase.referredOn)}
        {row(t('case.unit'), unitLabel ?? kase.stay?.unitId ?? t('app.none'))}
        {row(t('case.agreement'), agreement ? t(`enum.${agreement.kind}`) : t('app.none'))}
        {agreement && row(t('case.endsOn'), agreement.endsOn ?? '—')}
        {agreement?.limit && row(t('case.limit'), agreement.limit)}
        {row(t('case.contactPersons'), kase.contactPersons?.length ? kase.contactPersons.join(', ') : t('app.none'))}
        {row(t('case.revision'), kase.revision)}
      </dl>
      {kase.status === 'closed' && <Alert mt="sm" color="gray">{t('status.closed')}</Alert>}
    </Paper>
  );
}
