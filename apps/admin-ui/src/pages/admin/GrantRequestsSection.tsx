import { Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { adminPaths, useFacilities, useGrantRequests, useUsers } from '../../api/endpoints';
import { useSession } from '../../auth/session';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../util/dates';
import { CommandButton } from './AdminForm';
import { facilityNames } from './facility-choices';
import { TableScroll } from '../../components/TableScroll';

/**
 * Grants waiting for a second administrator (four eyes: the administrator role together with a role
 * that reads case files). The one who asked sees them too, but only another administrator may approve.
 */
export function GrantRequestsSection({ userId }: { userId?: string }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const requests = useGrantRequests(userId);
  const users = useUsers({ limit: 500 });
  const facilities = useFacilities();
  const nameOf = (id: string) => users.data?.items.find((u) => u.userId === id)?.displayName ?? id;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="grant-requests">
      <Title order={2} size="h3" id="grant-requests" mb="sm">
        {t('admin.requests.title')}
      </Title>
      <QueryState isLoading={requests.isLoading} error={requests.error} />
      {requests.data?.items.length === 0 && <Text size="sm">{t('admin.requests.none')}</Text>}
      {!!requests.data?.items.length && (
        <TableScroll>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.requests.user')}</Table.Th>
                <Table.Th scope="col">{t('field.role')}</Table.Th>
                <Table.Th scope="col">{t('admin.requests.askedBy')}</Table.Th>
                <Table.Th scope="col">{t('admin.requests.decide')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.items.map((r) => (
                <Table.Tr key={r.requestId} data-testid={`request-${r.requestId}`}>
                  <Table.Td>{nameOf(r.userId)}</Table.Td>
                  <Table.Td>
                    {t(`role.${r.role}`)}
                    {r.facilityIds.length > 0 && ` (${facilityNames(r.facilityIds, facilities.data?.facilities)})`}
                  </Table.Td>
                  <Table.Td>
                    {nameOf(r.requestedBy)}, {formatDateTime(r.requestedAt, i18n.language)}
                  </Table.Td>
                  <Table.Td>
                    {r.requestedBy === user?.userId ? (
                      <Text size="sm">{t('admin.requests.ownRequest')}</Text>
                    ) : (
                      <Group gap="xs">
                        <CommandButton
                          path={adminPaths.approve(r.userId, r.requestId)}
                          label={t('admin.requests.approve', { name: nameOf(r.userId), role: t(`role.${r.role}`) })}
                          doneMessage={t('admin.requests.approved')}
                        />
                        <CommandButton
                          path={adminPaths.reject(r.userId, r.requestId)}
                          color="red"
                          label={t('admin.requests.reject', { name: nameOf(r.userId), role: t(`role.${r.role}`) })}
                          doneMessage={t('admin.requests.rejected')}
                        />
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}
