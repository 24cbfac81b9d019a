import { useState } from 'react';
import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminPaths, useFacilities } from '../../api/endpoints';
import { PageTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { AdminForm } from './AdminForm';
import { TableScroll } from '../../components/TableScroll';

/** The facilities ("Boliger") an administrator keeps: open one to change its profile and units, or register a new one. */
export function FacilitiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const facilities = useFacilities();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageTitle>{t('admin.facilities.title')}</PageTitle>
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="facilities-list">
          <Title order={2} size="h3" id="facilities-list" mb="sm">
            {t('admin.facilities.list')}
          </Title>
          <QueryState isLoading={facilities.isLoading} error={facilities.error} />
          {facilities.data?.facilities.length === 0 && <Text size="sm">{t('admin.facilities.none')}</Text>}
          {!!facilities.data?.facilities.length && (
            <TableScroll>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('field.name')}</Table.Th>
                    <Table.Th scope="col">{t('field.kind')}</Table.Th>
                    <Table.Th scope="col">{t('field.municipality')}</Table.Th>
                    <Table.Th scope="col">{t('admin.facilities.unitCount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {facilities.data.facilities.map((f) => (
                    <Table.Tr key={f.facilityId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/facilities/${f.facilityId}`}>
                          {f.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`enum.${f.kind}`)}</Table.Td>
                      <Table.Td>{f.municipality}</Table.Td>
                      <Table.Td>{f.unitCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="facilities-new">
          <Title order={2} size="h3" id="facilities-new" mb="sm">
            {t('admin.facilities.new')}
          </Title>
          {creating ? (
            <AdminForm
              path={adminPaths.facilities}
              idPrefix="new-facility"
              submitLabel={t('admin.facilities.create')}
              onCancel={() => setCreating(false)}
              doneMessage={() => t('admin.facilities.created')}
              onDone={(res) => void navigate(`/admin/facilities/${res.id}`)}
            />
          ) : (
            <Button variant="light" size="xs" onClick={() => setCreating(true)}>
              {t('admin.facilities.new')}
            </Button>
          )}
        </Paper>
      </Stack>
    </>
  );
}
