import { useState } from 'react';
import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminPaths, useFacility } from '../../api/endpoints';
import type { FacilityDetail } from '../../api/types';
import { PageTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../util/dates';
import { AdminForm } from './AdminForm';
import { UnitPanel } from './UnitPanel';
import { TableScroll } from '../../components/TableScroll';

/** One facility: its units (add one, describe one, take one out of service and back) and its profile. */
export function FacilityPage() {
  const { t, i18n } = useTranslation();
  const { facilityId = '' } = useParams();
  const facility = useFacility(facilityId);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  if (!facility.data) return <QueryState isLoading={facility.isLoading} error={facility.error} />;
  const { profile, units } = facility.data;
  // The unit forms offer only the attributes this facility records on its units.
  const attributeChoices = { attributes: (profile.unitAttributes ?? []).map((a) => ({ value: a, label: a })) };

  return (
    <>
      <Anchor component={Link} to="/admin/facilities" size="sm">
        {t('admin.facilities.back')}
      </Anchor>
      <PageTitle>{profile.name}</PageTitle>
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="facility-units">
          <Title order={2} size="h3" id="facility-units" mb="sm">
            {t('admin.facilities.units')}
          </Title>
          {units.length === 0 && <Text size="sm">{t('admin.facilities.noUnits')}</Text>}
          {units.length > 0 && (
            <TableScroll>
              <Table mb="md">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('field.label')}</Table.Th>
                    <Table.Th scope="col">{t('field.kind')}</Table.Th>
                    <Table.Th scope="col">{t('field.capacity')}</Table.Th>
                    <Table.Th scope="col">{t('field.attributes')}</Table.Th>
                    <Table.Th scope="col">{t('field.cluster')}</Table.Th>
                    <Table.Th scope="col">{t('admin.facilities.service')}</Table.Th>
                    <Table.Th scope="col">{t('admin.facilities.change')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {units.map((u) => (
                    <Table.Tr key={u.unitId} data-testid={`unit-${u.label}`}>
                      <Table.Td>{u.label}</Table.Td>
                      <Table.Td>{t(`enum.${u.kind}`)}</Table.Td>
                      <Table.Td>{u.capacity}</Table.Td>
                      <Table.Td>{u.attributes.map((a) => t(`enum.${a}`)).join(', ') || t('app.none')}</Table.Td>
                      <Table.Td>{u.cluster ?? t('app.none')}</Table.Td>
                      <Table.Td>
                        {u.outOfServiceSince
                          ? t('admin.facilities.outOfServiceSince', { day: formatDate(u.outOfServiceSince, i18n.language) })
                          : t('admin.facilities.inService')}
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" aria-expanded={open === u.unitId} onClick={() => setOpen(open === u.unitId ? null : u.unitId)}>
                          {t('admin.facilities.changeUnit', { label: u.label })}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
          {units
            .filter((u) => u.unitId === open)
            .map((u) => (
              <UnitPanel key={u.unitId} unit={u} choices={attributeChoices} onClose={() => setOpen(null)} />
            ))}
          <Title order={3} size="h4" mb="xs">
            {t('admin.facilities.addUnit')}
          </Title>
          <AdminForm
            path={adminPaths.units(facilityId)}
            idPrefix="new-unit"
            submitLabel={t('admin.facilities.addUnit')}
            defaults={{ capacity: '1' }}
            choices={attributeChoices}
            doneMessage={() => t('admin.facilities.unitAdded')}
          />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="facility-profile">
          <Title order={2} size="h3" id="facility-profile" mb="sm">
            {t('admin.facilities.profile')}
          </Title>
          {editing ? (
            <AdminForm
              path={adminPaths.profile(facilityId)}
              idPrefix="profile"
              submitLabel={t('admin.facilities.saveProfile')}
              defaults={profileDefaults(profile)}
              onCancel={() => setEditing(false)}
              onDone={() => setEditing(false)}
            />
          ) : (
            <Stack gap="xs">
              <Text size="sm">
                {t(`enum.${profile.kind}`)} · {profile.municipality}
                {profile.maxStayDays !== undefined && ` · ${t('admin.facilities.maxStay', { count: profile.maxStayDays })}`}
              </Text>
              <div>
                <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                  {t('admin.facilities.editProfile')}
                </Button>
              </div>
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}

/** The recorded profile as the form's values: numbers left out are blank fields, not missing ones. */
function profileDefaults(profile: FacilityDetail['profile']) {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    ...profile,
    maxStayDays: text(profile.maxStayDays),
    unitAttributes: profile.unitAttributes ?? [],
    targetGroup: { ...profile.targetGroup, minAge: text(profile.targetGroup.minAge), maxAge: text(profile.targetGroup.maxAge) },
  };
}
