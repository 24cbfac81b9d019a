import { useEffect, useRef, type ReactNode } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canAdminister, canAudit, canCommand, canSupervise, useSession } from '../auth/session';
import type { Role } from '../api/types';
import { focusPageStart, usePageFocus } from './page-focus';
import { useWorkQueue } from '../api/endpoints';
import { LanguageSelect } from './LanguageSelect';

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
  const { t } = useTranslation();
  const { roles, logout } = useSession();
  usePageFocus(focusOnMount);
  const { pathname } = useLocation();
  const queue = useWorkQueue(canCommand(roles));
  const waiting = queue.data ? queue.data.counts.lead + queue.data.counts.worker : null;
  // Below the `sm` breakpoint (phones, small tablets) the navigation is a panel over the page, opened by
  // the burger; it closes on a choice, on the burger and on Escape, so the page is never hidden behind it.
  const [navOpen, nav] = useDisclosure(false);
  // Off-canvas is only moved aside: `inert` also takes its links out of the Tab order and from screen readers.
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const burger = useRef<HTMLButtonElement>(null);
  // `close` is stable across renders (the handlers object around it is not).
  const { close: closeNav } = nav;
  useEffect(() => closeNav(), [pathname, closeNav]);
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      closeNav();
      burger.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen, closeNav]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding={{ base: 'xs', sm: 'md' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              ref={burger}
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? t('app.closeMenu') : t('app.openMenu')}
              aria-expanded={navOpen}
              aria-controls="main-nav"
            />
            <Text fw={700} component="span" truncate>
              {t('app.title')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Who visibleFrom="md" />
            <LanguageSelect />
            <Button size="xs" variant="default" onClick={() => logout('logged_out')}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" id="main-nav" aria-label={t('app.mainNav')} inert={narrow && !navOpen}>
        <Stack gap={0} hiddenFrom="md" mb="xs" px="xs">
          <Who />
        </Stack>
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
              closeNav();
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

/** Who is logged in, with which roles: in the header on wide screens, at the top of the menu on narrow ones. */
function Who({ visibleFrom }: { visibleFrom?: 'md' }) {
  const { t } = useTranslation();
  const { user, roles } = useSession();
  return (
    <Text size="sm" component="span" visibleFrom={visibleFrom}>
      {user?.displayName ?? user?.username} · {roles.map((r) => t(`role.${r}`)).join(', ')}
    </Text>
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
