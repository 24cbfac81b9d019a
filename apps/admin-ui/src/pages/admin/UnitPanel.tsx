import { Button, Group, Paper, SimpleGrid, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { adminPaths } from '../../api/endpoints';
import type { FacilityUnit } from '../../api/types';
import type { Choices } from '../../forms/SchemaForm';
import { AdminForm } from './AdminForm';

/** One unit's changes: its description (attributes, floor or cluster), and out of service or back in service. */
export function UnitPanel({ unit, choices, onClose }: { unit: FacilityUnit; choices: Choices; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby={`unit-${unit.unitId}`}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id={`unit-${unit.unitId}`}>
          {t('admin.facilities.unitTitle', { label: unit.label })}
        </Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('app.close')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={4} size="h5" mb="xs">
            {t('admin.facilities.describe')}
          </Title>
          <AdminForm
            path={adminPaths.describeUnit(unit.unitId)}
            idPrefix="describe-unit"
            submitLabel={t('admin.facilities.describe')}
            defaults={{ attributes: unit.attributes, cluster: unit.cluster ?? '' }}
            choices={choices}
          />
        </div>
        <div>
          <Title order={4} size="h5" mb="xs">
            {t(unit.outOfServiceSince ? 'admin.facilities.returnToService' : 'admin.facilities.outOfService')}
          </Title>
          <AdminForm
            key={unit.outOfServiceSince ?? 'in-service'}
            path={unit.outOfServiceSince ? adminPaths.returnToService(unit.unitId) : adminPaths.outOfService(unit.unitId)}
            idPrefix={unit.outOfServiceSince ? 'return-unit' : 'out-of-service'}
            submitLabel={t(unit.outOfServiceSince ? 'admin.facilities.returnToService' : 'admin.facilities.outOfService')}
          />
        </div>
      </SimpleGrid>
    </Paper>
  );
}
