import { Group, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFacilities, useOccupancy } from '../api/endpoints';
import type { OccupancyUnit } from '../api/types';
import { clusterRiskText, unitAttributesText } from '../components/command-inputs';
import { PageTitle } from '../components/Layout';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../util/dates';
import { fullName } from '../util/names';
import { formatPercent } from '../util/numbers';

type TileState = 'free' | 'occupied' | 'offered' | 'out_of_service';

function stateOf(u: OccupancyUnit): TileState {
  if (u.outOfService) return 'out_of_service';
  if (u.occupants.length > 0) return 'occupied';
  if (u.reservations.length > 0) return 'offered';
  return 'free';
}

const STATE_KEY: Record<TileState, string> = {
  free: 'occupancy.free',
  occupied: 'occupancy.occupied',
  offered: 'occupancy.offered',
  out_of_service: 'occupancy.outOfService',
};

export function OccupancyPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const facilities = useFacilities();
  const { facilityId = facilities.data?.facilities[0]?.facilityId } = useParams();
  const board = useOccupancy(facilityId);

  return (
    <>
      <PageTitle>{t('occupancy.title')}</PageTitle>
      <NativeSelect
        id="occupancy-facility"
        label={t('occupancy.chooseFacility')}
        mb="md"
        maw={400}
        value={facilityId ?? ''}
        onChange={(e) => navigate(`/occupancy/${e.currentTarget.value}`)}
        data={(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name }))}
      />
      <QueryState isLoading={board.isLoading || facilities.isLoading} error={board.error ?? facilities.error} />
      {board.data && (
        <section aria-labelledby="board-title">
          <Title order={2} size="h3" id="board-title">
            {board.data.facility.name}
          </Title>
          <Text mb="sm">
            {t('occupancy.rate')}: <strong>{formatPercent(board.data.summary.occupancyRate, i18n.language)}</strong>
            {' · '}
            {t('occupancy.occupied')}: {board.data.summary.occupied} · {t('occupancy.offered')}: {board.data.summary.reserved} · {t('occupancy.free')}:{' '}
            {board.data.summary.free} · {t('occupancy.outOfService')}: {board.data.summary.unitsOutOfService}
          </Text>
          <ul className="tiles" aria-label={t('occupancy.units')}>
            {board.data.units.map((u) => (
              <UnitTile key={u.unitId} unit={u} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A tile says its state in words as well as colour, so it does not rely on colour alone. */
function UnitTile({ unit }: { unit: OccupancyUnit }) {
  const { t, i18n } = useTranslation();
  const state = stateOf(unit);
  return (
    <li className="tile" data-state={state}>
      <Paper bg="transparent">
        <Group justify="space-between">
          <Text fw={700}>{unit.label}</Text>
          <Text size="sm">{t(STATE_KEY[state])}</Text>
        </Group>
        <Text size="sm" data-testid="unit-attributes">
          {t('occupancy.attributes')}: {unitAttributesText(unit, t) || t('occupancy.noAttributes')}
        </Text>
        {unit.clusterRisk && (
          <Text size="sm" data-testid="cluster-risk">
            {t('occupancy.clusterRisk', { text: clusterRiskText(unit, t) })}
          </Text>
        )}
        {unit.occupants.map((o) => (
          <Text size="sm" key={o.caseId}>
            <Link to={`/cases/${o.caseId}`}>{fullName(o.name)}</Link> ({t('occupancy.daysInStay', { count: o.daysInStay })}
            {o.agreement?.endsOn ? `, ${t('case.endsOn').toLowerCase()} ${formatDate(o.agreement.endsOn, i18n.language)}` : ''})
          </Text>
        ))}
        {unit.reservations.map((r) => (
          <Text size="sm" key={r.offerId}>
            <Link to={`/cases/${r.caseId}`}>{fullName(r.name)}</Link> ({t('occupancy.expires', { date: formatDate(r.expiresOn, i18n.language) })})
          </Text>
        ))}
      </Paper>
    </li>
  );
}
