import { useEffect, useRef, useState } from 'react';
import { Badge, Button, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFacilities, useOccupancy, useWaitingList } from '../api/endpoints';
import { requestSchema, useOpenApi } from '../api/openapi';
import type { CommandResponse, WaitingEntry } from '../api/types';
import { canCommand, useSession } from '../auth/session';
import { unitChoice } from '../components/command-inputs';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { SchemaForm } from '../forms/SchemaForm';
import { addDays, formatDate, today } from '../util/dates';
import { formatNumber } from '../util/numbers';
import { fullName } from '../util/names';
import { TableScroll } from '../components/TableScroll';

const personName = (e: WaitingEntry) => fullName(e.name);

/** Who waits for a place in a facility, most urgent first; a case worker offers a free unit from here. */
export function WaitingListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { roles } = useSession();
  const facilities = useFacilities();
  const { facilityId = facilities.data?.facilities[0]?.facilityId } = useParams();
  // The log position of our last offer: the list and the board wait until they include it.
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const list = useWaitingList(facilityId, minPosition);
  const board = useOccupancy(facilityId, minPosition);
  const [offering, setOffering] = useState<WaitingEntry | null>(null);

  return (
    <>
      <PageTitle>{t('waitingList.title')}</PageTitle>
      <NativeSelect
        id="waiting-facility"
        label={t('occupancy.chooseFacility')}
        mb="md"
        maw={400}
        value={facilityId ?? ''}
        onChange={(e) => {
          setOffering(null);
          void navigate(`/waiting-list/${e.currentTarget.value}`);
        }}
        data={(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name }))}
      />
      <QueryState isLoading={list.isLoading || facilities.isLoading} error={list.error ?? facilities.error} />
      {list.data && (
        <section aria-labelledby="waiting-title">
          <Title order={2} size="h3" id="waiting-title">
            {list.data.facilityName}
          </Title>
          <Text mb="sm" data-testid="waiting-stats">
            {t('dashboard.waitingCount')}: <strong>{list.data.stats.waiting}</strong>
            {' · '}
            {t('dashboard.medianWait')}: {formatNumber(list.data.stats.medianDaysWaiting, i18n.language)}
            {board.data && (
              <>
                {' · '}
                {t('waitingList.freeUnits')}: <strong data-testid="free-units">{board.data.summary.free}</strong>
              </>
            )}
          </Text>
          {list.data.entries.length === 0 ? (
            <Text>{t('waitingList.empty')}</Text>
          ) : (
            <TableScroll>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('waitingList.rank')}</Table.Th>
                    <Table.Th scope="col">{t('cases.name')}</Table.Th>
                    <Table.Th scope="col">{t('field.priority')}</Table.Th>
                    <Table.Th scope="col">{t('waitingList.placedOn')}</Table.Th>
                    <Table.Th scope="col">{t('waitingList.daysWaiting')}</Table.Th>
                    <Table.Th scope="col">{t('waitingList.offersDeclined')}</Table.Th>
                    <Table.Th scope="col">{t('waitingList.offer')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.entries.map((e) => (
                    <Table.Tr key={e.caseId} data-testid={`waiting-${e.caseId}`}>
                      <Table.Td>{e.rank}</Table.Td>
                      <Table.Td>
                        <Link to={`/cases/${e.caseId}`}>{personName(e)}</Link>
                      </Table.Td>
                      <Table.Td>{e.priority}</Table.Td>
                      <Table.Td>{formatDate(e.placedOn, i18n.language)}</Table.Td>
                      <Table.Td>{e.daysWaiting}</Table.Td>
                      <Table.Td>{e.offersDeclined}</Table.Td>
                      <Table.Td>
                        {e.currentOffer ? (
                          <Badge variant="light" color="dark">
                            {`${e.currentOffer.unitLabel ?? ''} · ${t(e.currentOffer.status === 'open' ? 'occupancy.offered' : 'status.offer_accepted')} · ${t('occupancy.expires', { date: formatDate(e.currentOffer.expiresOn, i18n.language) })}`}
                          </Badge>
                        ) : (
                          canCommand(roles) && (
                            <Button size="xs" onClick={() => setOffering(e)} aria-label={`${t('command.OfferUnit')}: ${personName(e)}`}>
                              {t('command.OfferUnit')}
                            </Button>
                          )
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </section>
      )}
      {offering && facilityId && (
        <OfferForm
          entry={offering}
          facilityId={facilityId}
          units={(board.data?.units ?? []).filter((u) => !u.outOfService && u.freePlaces > 0).map((u) => unitChoice(u, t))}
          onClose={() => setOffering(null)}
          onDone={(position) => {
            setOffering(null);
            setMinPosition(position ?? undefined);
          }}
        />
      )}
    </>
  );
}

function OfferForm({
  entry,
  facilityId,
  units,
  onClose,
  onDone,
}: {
  entry: WaitingEntry;
  facilityId: string;
  units: { value: string; label: string }[];
  onClose(): void;
  onDone(position: string | null): void;
}) {
  const { t } = useTranslation();
  const doc = useOpenApi();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [entry.caseId]);
  const path = `/api/v1/cases/${encodeURIComponent(entry.caseId)}/offers`;
  const schema = doc.data && requestSchema(doc.data, path);

  const submit = async (body: Record<string, unknown>, { idempotencyKey }: { idempotencyKey: string }) => {
    const res = await api<CommandResponse>(path, { method: 'POST', body, idempotencyKey });
    await queryClient.invalidateQueries({ queryKey: ['case', entry.caseId] });
    notifications.show({ color: 'green', closeButtonProps: { 'aria-label': t('app.close') }, message: t('waitingList.offered', { name: personName(entry) }) });
    onDone(res.position);
  };

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="offer-title">
      <Title order={2} size="h3" id="offer-title" mb="sm" ref={headingRef} tabIndex={-1}>
        {t('waitingList.offerTo', { name: personName(entry) })}
      </Title>
      {units.length === 0 && (
        <Text mb="sm" role="status">
          {t('waitingList.noFreeUnits')}
        </Text>
      )}
      {schema && (
        <SchemaForm
          key={entry.caseId}
          idPrefix="offer"
          context="OfferUnit"
          hidden={['facilityId']}
          schema={schema}
          defaults={{ today: today(), facilityId, expiresOn: addDays(today(), 7) }}
          choices={{ unitId: units }}
          submitLabel={t('command.OfferUnit')}
          onSubmit={submit}
          onCancel={onClose}
        />
      )}
    </Paper>
  );
}
