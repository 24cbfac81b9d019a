import { useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminPaths, useFacilities, useUsers } from '../../api/endpoints';
import type { Account, Role } from '../../api/types';
import { PageTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { AdminForm } from './AdminForm';
import { facilityChoices, facilityNames } from './facility-choices';
import { GrantRequestsSection } from './GrantRequestsSection';
import { TableScroll } from '../../components/TableScroll';

const ROLES: Role[] = ['case_worker', 'team_lead', 'supervisor', 'auditor', 'admin'];

/** The administrator's home: find an account (to open it), create one, and decide the grants waiting for a second administrator. */
export function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [creating, setCreating] = useState(false);
  const users = useUsers({ q: q.trim(), role, limit: 200 });
  const facilities = useFacilities();

  return (
    <>
      <PageTitle>{t('admin.users.title')}</PageTitle>
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="users-list">
          <Title order={2} size="h3" id="users-list" mb="sm">
            {t('admin.users.list')}
          </Title>
          <Group align="end" mb="sm">
            <TextInput id="users-q" label={t('admin.users.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <NativeSelect
              id="users-role"
              label={t('field.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
              data={[{ value: '', label: t('admin.users.anyRole') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
            />
          </Group>
          <QueryState isLoading={users.isLoading} error={users.error} />
          {users.data && (
            <>
              <Text size="sm" mb="xs" role="status">
                {t('admin.users.count', { count: users.data.total })}
              </Text>
              <TableScroll>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('field.displayName')}</Table.Th>
                      <Table.Th scope="col">{t('field.username')}</Table.Th>
                      <Table.Th scope="col">{t('admin.users.roles')}</Table.Th>
                      <Table.Th scope="col">{t('admin.users.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {users.data.items.map((u) => (
                      <Table.Tr key={u.userId} data-testid={`user-${u.username}`}>
                        <Table.Td>
                          <Anchor component={Link} to={`/admin/users/${u.userId}`}>
                            {u.displayName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{u.username}</Table.Td>
                        <Table.Td>{rolesText(u, t, facilities.data?.facilities)}</Table.Td>
                        <Table.Td>
                          <AccountStatus disabled={u.disabled} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="users-new">
          <Title order={2} size="h3" id="users-new" mb="sm">
            {t('admin.users.new')}
          </Title>
          {creating ? (
            <AdminForm
              path={adminPaths.users}
              idPrefix="new-user"
              submitLabel={t('admin.users.create')}
              defaults={{ grants: [{ role: '', facilityIds: [] }] }}
              choices={{ facilityIds: facilityChoices(facilities.data?.facilities) }}
              onCancel={() => setCreating(false)}
              doneMessage={() => t('admin.users.created')}
              onDone={(res) => void navigate(`/admin/users/${res.id}`)}
            />
          ) : (
            <Button variant="light" size="xs" onClick={() => setCreating(true)}>
              {t('admin.users.new')}
            </Button>
          )}
        </Paper>
        <GrantRequestsSection />
      </Stack>
    </>
  );
}

export function AccountStatus({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color="dark" variant={disabled ? 'outline' : 'light'}>
      {t(disabled ? 'admin.users.disabled' : 'admin.users.enabled')}
    </Badge>
  );
}

/** "Saksbehandler (Bolig Nord), Revisor". */
export function rolesText(account: Account, t: (key: string) => string, facilities: Parameters<typeof facilityNames>[1]): string {
  if (account.grants.length === 0) return t('admin.users.noRoles');
  return account.grants
    .map((g) => (g.facilityIds.length ? `${t(`role.${g.role}`)} (${facilityNames(g.facilityIds, facilities)})` : t(`role.${g.role}`)))
    .join(', ');
}
