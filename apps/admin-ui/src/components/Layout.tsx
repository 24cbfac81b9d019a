import type { ReactNode } from 'react';
import { AppShell, Badge, Button, Group, NativeSelect, NavLink, Text, Title } from '@mantine/core';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canAdminister, canAudit, canCommand, canSupervise, useSession } from '../auth/session';
import type { Role } from '../api/types';
import { focusPageStart, usePageFocus } from './page-focus';
import { useWorkQueue } from '../api/endpoints';

interface Item {
  to: string;
  key: string;
  end?: boolean;
  show(roles: Role[]): boolean;
}

// Navigation follows the role: the API refuses the rest anyway, this only hides what would fail.
const ITEMS: Item[] = [
  { to: '/work', key: 'nav.workQueue', show: canCommand },
  { to: '/cases', key: 'nav.cases', end: true, show: (r) => canCommand(r) || r.includes('supervisor') },
  { to: '/cases/new', key: 'nav.newReferral', show: canCommand },
  { to: '/occupancy', key: 'nav.occupancy', show: (r) => canCommand(r) || canSupervise(r) },
  { to: '/waiting-list', key: 'nav.waitingList', show: (r) => canCommand(r) || canSupervise(r) },
  { to: '/handover', key: 'nav.handover', show: canCommand },
  { to: '/caseload', key: 'nav.caseload', show: canCommand },
  { to: '/notes', key: 'nav.noteSearch', show: (r) => canCommand(r) || canSupervise(r) },
  { to: '/dashboard', key: 'nav.dashboard', show: (r) => canSupervise(r) },
  { to: '/audit', key: 'nav.audit', end: true, show: canAudit },
  { to: '/audit/replay', key: 'nav.replay', show: canAudit },
  { to: '/audit/verify', key: 'nav.verify', show: canAudit },
  { to: '/reports/outcomes', key: 'nav.outcomes', show: (r) => canSupervise(r) },
  { to: '/audit/access-log', key: 'nav.accessLog', end: true, show: canAudit },
  { to: '/audit/access-log/flagged', key: 'nav.flaggedReads', show: canAudit },
  { to: '/admin/users', key: 'nav.users', show: canAdminister },
  { to: '/admin/facilities', key: 'nav.facilities', show: canAdminister },
];

/** `focusOnMount`: the user has just logged in, so focus goes to the first page (see usePageFocus). */
export function Layout({ focusOnMount = false }: { focusOnMount?: boolean }) {
  const { t, i18n } = useTranslation();
  const { user, roles, logout } = useSession();
  usePageFocus(focusOnMount);
  const { pathname } = useLocation();
  const queue = useWorkQueue(canCommand(roles));
  const waiting = queue.data ? queue.data.counts.lead + queue.data.counts.worker : null;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Text fw={700} component="span">
            {t('app.title')}
          </Text>
          <Group gap="sm">
            <Text size="sm" component="span">
              {user?.displayName ?? user?.username} · {roles.map((r) => t(`role.${r}`)).join(', ')}
            </Text>
            <NativeSelect
              aria-label={t('app.language')}
              size="xs"
              value={i18n.language}
              onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
              data={[
                { value: 'nb', label: 'Norsk bokmål' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Button size="xs" variant="default" onClick={() => logout('logged_out')}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNav')}>
        {ITEMS.filter((i) => i.show(roles)).map((i) => (
          <NavLink
            key={i.to}
            component={RouterNavLink}
            to={i.to}
            end={i.end}
            label={t(i.key)}
            rightSection={
              i.to === '/work' && waiting !== null ? (
                <Badge size="sm" color={waiting > 0 ? 'red.9' : 'gray.7'} circle={waiting < 10} data-testid="work-queue-count">
                  {waiting}
                </Badge>
              ) : undefined
            }
            // Following the link to the page one is on changes no route: focus still goes to the page.
            onClick={() => {
              if (i.to === pathname) focusPageStart();
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** Page heading: the one h1 per page. Focusable by script (not by Tab): focus moves here on a route change. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={1} size="h2" mb="md" tabIndex={-1}>
      {children}
    </Title>
  );
}
