import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminPaths, useFacilities, useUser } from '../../api/endpoints';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../util/dates';
import { AdminForm, CommandButton } from './AdminForm';
import { facilityChoices, facilityNames } from './facility-choices';
import { GrantRequestsSection } from './GrantRequestsSection';
import { AccountStatus } from './UsersPage';
import { TableScroll } from '../../components/TableScroll';

/** One account: its roles (grant, revoke), whether it may log in (disable, enable), a new password, and its waiting grants. */
export function UserPage() {
  const { t, i18n } = useTranslation();
  const { userId = '' } = useParams();
  const { user: me } = useSession();
  const account = useUser(userId);
  const facilities = useFacilities();
  const choices = { facilityIds: facilityChoices(facilities.data?.facilities) };
  if (!account.data) return <QueryState isLoading={account.isLoading} error={account.error} />;
  const a = account.data;
  const self = me?.userId === a.userId;

  return (
    <>
      <Anchor component={Link} to="/admin/users" size="sm">
        {t('admin.users.back')}
      </Anchor>
      <PageTitle>{a.displayName}</PageTitle>
      <Stack>
        <Group gap="lg">
          <Text size="sm">
            {t('field.username')}: <strong>{a.username}</strong>
          </Text>
          <Text size="sm">
            {t('admin.users.createdOn')}: {formatDate(a.createdOn, i18n.language)}
          </Text>
          <AccountStatus disabled={a.disabled} />
        </Group>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="user-roles">
            <Title order={2} size="h3" id="user-roles" mb="sm">
              {t('admin.users.roles')}
            </Title>
            {a.grants.length === 0 && <Text size="sm">{t('admin.users.noRoles')}</Text>}
            {a.grants.length > 0 && (
              <TableScroll>
                <Table mb="md">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('field.role')}</Table.Th>
                      <Table.Th scope="col">{t('field.facilityIds')}</Table.Th>
                      <Table.Th scope="col">{t('admin.users.revokeColumn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.grants.map((g) => (
                      <Table.Tr key={g.role}>
                        <Table.Td>{t(`role.${g.role}`)}</Table.Td>
                        <Table.Td>{g.facilityIds.length ? facilityNames(g.facilityIds, facilities.data?.facilities) : t('admin.users.everywhere')}</Table.Td>
                        <Table.Td>
                          <CommandButton
                            path={adminPaths.revoke(a.userId)}
                            body={{ role: g.role }}
                            color="red"
                            label={t('admin.users.revoke', { role: t(`role.${g.role}`) })}
                            doneMessage={t('admin.users.revoked')}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
            <Title order={3} size="h4" mb="xs">
              {t('admin.users.grant')}
            </Title>
            {self ? (
              <Text size="sm">{t('admin.users.noSelfGrant')}</Text>
            ) : (
              <AdminForm
                path={adminPaths.grant(a.userId)}
                idPrefix="grant"
                submitLabel={t('admin.users.grant')}
                defaults={{ facilityIds: [] }}
                choices={choices}
                // 202: the grant waits for a second administrator, and `id` names the request.
                doneMessage={(res) => t(res.id === a.userId ? 'admin.users.granted' : 'admin.users.grantRequested')}
              />
            )}
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="user-account">
            <Title order={2} size="h3" id="user-account" mb="sm">
              {t('admin.users.account')}
            </Title>
            <Stack>
              {!self && (
                <CommandButton
                  path={a.disabled ? adminPaths.enable(a.userId) : adminPaths.disable(a.userId)}
                  color={a.disabled ? undefined : 'red'}
                  label={t(a.disabled ? 'admin.users.enable' : 'admin.users.disable')}
                  doneMessage={t(a.disabled ? 'admin.users.enabledDone' : 'admin.users.disabledDone')}
                />
              )}
              <Title order={3} size="h4">
                {t('admin.users.newPassword')}
              </Title>
              <Text size="sm">{t('admin.users.passwordHelp')}</Text>
              <AdminForm
                path={adminPaths.password(a.userId)}
                idPrefix="password"
                submitLabel={t('admin.users.setPassword')}
                doneMessage={() => t('admin.users.passwordSet')}
              />
            </Stack>
          </Paper>
        </SimpleGrid>
        <GrantRequestsSection userId={a.userId} />
      </Stack>
    </>
  );
}
