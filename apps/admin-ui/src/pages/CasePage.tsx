import { useState, type ReactNode } from 'react';
import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCase, useFacilities, useOccupancy, usePerson, useTimeline } from '../api/endpoints';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { Timeline } from '../components/Timeline';
import { CommandPanel } from '../components/CommandPanel';
import { CaseStages } from '../components/CaseStages';
import { StatusBadge } from '../components/StatusBadge';
import { JournalSection } from '../components/JournalSection';
import { ContactsSection } from '../components/ContactsSection';
import { DecisionsSection } from '../components/DecisionsSection';
import type { CaseFull, OccupancyUnit } from '../api/types';
import { canAudit, useSession } from '../auth/session';
import { formatDate } from '../util/dates';

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const { roles } = useSession();
  // The log position of our last command: the timeline and board wait until they include it.
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const kase = useCase(caseId);
  const person = usePerson(kase.data?.personId);
  const timeline = useTimeline(kase.data?.personId, minPosition);
  const occupancy = useOccupancy(kase.data?.facility.facilityId, minPosition);

  if (!kase.data) return <QueryState isLoading={kase.isLoading} error={kase.error} />;
  const c: CaseFull = kase.data;
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : t('case.title');

  return (
    <>
      <PageTitle>{name}</PageTitle>
      <CaseStages status={c.status} />
      {/* Facts and actions across the page: the facts in columns, a long form (move-in) at full width. */}
      <Stack>
        <CaseFacts kase={c} units={occupancy.data?.units ?? []} birthDate={person.data?.birthDate} showRevision={canAudit(roles)} />
        <CommandPanel kase={c} units={occupancy.data?.units ?? []} onDone={(position) => setMinPosition(position ?? undefined)} />
      </Stack>
      <Grid mt="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <DecisionsSection kase={c} />
            {canAudit(roles) && <AuditLinks kase={c} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <JournalSection kase={c} />
          <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
            <ContactsSection kase={c} />
          </div>
          <Paper mt="md" withBorder p="md" component="section" aria-labelledby="timeline-title">
            <Title order={2} size="h3" id="timeline-title" mb="sm">
              {t('case.timeline')}
            </Title>
            <QueryState isLoading={timeline.isLoading} error={timeline.error} />
            {timeline.data && <Timeline entries={timeline.data.entries} />}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The case's facts as a compact grid; its stream revision only for those who audit it (the page still sends it with every command). */
function CaseFacts({ kase, units, birthDate, showRevision }: { kase: CaseFull; units: OccupancyUnit[]; birthDate?: string; showRevision: boolean }) {
  const { t, i18n } = useTranslation();
  // Days as the reader writes them (04.12.2026), through the one formatter.
  const day = (d: string) => formatDate(d, i18n.language);
  const facilities = useFacilities();
  const facility = facilities.data?.facilities.find((f) => f.facilityId === kase.facility.facilityId);
  const unitLabel = (id: string) => units.find((u) => u.unitId === id)?.label ?? id.slice(0, 8);
  const code = (c: string) => t(`enum.${c}`, { defaultValue: c });
  const agreement = kase.stay?.agreement;
  const offer = kase.currentOfferId ? kase.offers?.[kase.currentOfferId] : undefined;
  const incidents = Object.keys(kase.incidents ?? {}).length;
  // Each fact has a test id, so a test can say which fact changed after a command.
  // Label and value on one line, several facts a row on a wide screen (styles.css, .facts).
  const row = (id: string, label: string, value: ReactNode) => (
    <div className="fact">
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" size="sm" data-testid={`fact-${id}`}>
        {value}
      </Text>
    </div>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="facts-title">
      <Title order={2} size="h3" id="facts-title" mb="sm">
        {t('case.title')}
      </Title>
      <dl className="facts">
        {row('status', t('case.status'), <StatusBadge status={kase.status} testId="case-status" />)}
        {birthDate && row('birthDate', t('case.birthDate'), day(birthDate))}
        {row('facility', t('case.facility'), facility ? `${facility.name} (${code(facility.kind)})` : kase.facility.facilityId)}
        {kase.referredOn && row('referredOn', t('case.referredOn'), day(kase.referredOn))}
        {kase.waitingList && row('waitingList', t('case.waitingList'), t('case.waitingListValue', kase.waitingList))}
        {offer &&
          row(
            'offer',
            t('case.openOffer'),
            t('case.openOfferValue', {
              unit: unitLabel(offer.unitId),
              status: t(`offerStatus.${offer.status}`, { defaultValue: offer.status }),
              expiresOn: day(offer.expiresOn),
            }),
          )}
        {row(
          'unit',
          t('case.unit'),
          !kase.stay ? t('app.none') : kase.moveOut ? t('case.formerUnit', { unit: unitLabel(kase.stay.unitId) }) : unitLabel(kase.stay.unitId),
        )}
        {kase.stay && row('movedInOn', t('case.movedInOn'), day(kase.stay.movedInOn))}
        {row('agreement', t('case.agreement'), agreement ? code(agreement.kind) : t('app.none'))}
        {agreement && row('endsOn', t('case.endsOn'), agreement.endsOn ? day(agreement.endsOn) : '—')}
        {agreement?.limit && row('limit', t('case.limit'), day(agreement.limit))}
        {kase.consent && row('consent', t('case.consent'), <ConsentFact consent={kase.consent} />)}
        {row('contactPersons', t('case.contactPersons'), kase.contactPersons?.length ? kase.contactPersons.join(', ') : t('app.none'))}
        {(incidents > 0 || !!kase.warnings) &&
          row(
            'incidents',
            t('case.incidents'),
            t('case.incidentsValue', {
              incidents: t('case.incidentCount', { count: incidents }),
              warnings: t('case.warningCount', { count: kase.warnings ?? 0 }),
            }),
          )}
        {kase.latestRisk &&
          row('risk', t('case.risk'), t('case.riskValue', { ...kase.latestRisk, on: day(kase.latestRisk.on), band: code(kase.latestRisk.band) }))}
        {kase.exclusion &&
          row(
            'exclusion',
            t('case.exclusion'),
            t('case.exclusionValue', {
              effectiveOn: day(kase.exclusion.effectiveOn),
              reasons: kase.exclusion.reasons.map(code).join(', '),
              obligation: code(kase.exclusion.alternativeObligation),
            }),
          )}
        {kase.moveOut && row('moveOut', t('case.moveOut'), t('case.moveOutValue', { on: day(kase.moveOut.on), destination: code(kase.moveOut.destination) }))}
        {kase.followUp &&
          row('followUp', t('case.followUp'), t('case.followUpValue', { startedOn: day(kase.followUp.startedOn), endsOn: day(kase.followUp.endsOn) }))}
        {showRevision && row('revision', t('case.revision'), kase.revision)}
      </dl>
      {kase.status === 'closed' && (
        <Alert mt="sm" color="gray">
          {t('status.closed')}
        </Alert>
      )}
    </Paper>
  );
}

/** The consent today: what it covers and to when, or since when it has been withdrawn or run out (in red). */
function ConsentFact({ consent }: { consent: NonNullable<CaseFull['consent']> }) {
  const { t, i18n } = useTranslation();
  const day = (d?: string) => (d ? formatDate(d, i18n.language) : '');
  if (consent.status === 'in_force') {
    const recipients = (consent.recipients ?? []).map((r) => t(`enum.${r}`, { defaultValue: r })).join(', ');
    return (
      <>
        {consent.expiresOn
          ? t('case.consentUntil', { from: day(consent.since), to: day(consent.expiresOn) })
          : t('case.consentOpen', { from: day(consent.since) })}
        {recipients && ` · ${recipients}`}
      </>
    );
  }
  if (consent.status === 'none') return <>{t('app.none')}</>;
  return (
    <Text component="span" c="red.9" fw={600} size="sm">
      {t(consent.status === 'withdrawn' ? 'case.consentWithdrawn' : 'case.consentExpired', { on: day(consent.since) })}
    </Text>
  );
}

/** For auditors: the case's replay, its chain and its person's access log, from the case rather than by id. */
function AuditLinks({ kase }: { kase: CaseFull }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-links-title">
      <Title order={2} size="h3" id="audit-links-title" mb="sm">
        {t('case.auditTitle')}
      </Title>
      <Stack gap={4}>
        <Link to={`/audit/replay/${kase.caseId}`}>{t('case.auditReplay')}</Link>
        <Link to={`/audit/verify?stream=${encodeURIComponent(`case-${kase.caseId}`)}`}>{t('case.auditVerify')}</Link>
        <Link to={`/audit/access-log?personId=${kase.personId}`}>{t('case.auditAccessLog')}</Link>
      </Stack>
    </Paper>
  );
}
