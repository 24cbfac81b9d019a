import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { ADMIN, TestApp } from '../../support/test-app';
import { PASSWORD, seedStays, SeededWorld } from './seed-stays';
import { seedWaiting } from './seed-waiting';
import { ROOT } from './ui-server';

export type Who = 'worker' | 'supervisor' | 'auditor' | 'admin';
export const WHO: Who[] = ['worker', 'supervisor', 'auditor', 'admin'];
export const USERNAMES: Record<Who, string> = { worker: 'sa.saksbehandler', supervisor: 'sa.fagleder', auditor: 'sa.revisor', admin: ADMIN.username };
/** The seeded staff share one password; the administrator is the test app's own. */
export const passwordOf = (who: Who) => (who === 'admin' ? ADMIN.password : PASSWORD);

export type RouteWorld = SeededWorld & { waitingCaseId: string; auditorUserId: string };

export interface Visit {
  as: Who;
  /** The address to open, with ids (and a period or person) that give the page something to show. */
  url(w: RouteWorld): string;
  /** Where the browser must end up (redirects), when not the address opened. */
  landsOn?: string;
  /** The h1 in bokmål and English; checks the page rendered, not an error or the wrong page. */
  heading: [string, string] | 'any';
}

/** Every route of apps/admin-ui/src/App.tsx, as its `path` there ('' for the index route). */
export const VISITS: Record<string, Visit> = {
  '': { as: 'worker', url: () => '/', landsOn: '/cases', heading: ['Saker', 'Cases'] },
  login: { as: 'worker', url: () => '/login', landsOn: '/cases', heading: ['Saker', 'Cases'] },
  cases: { as: 'worker', url: () => '/cases', heading: ['Saker', 'Cases'] },
  'cases/new': { as: 'worker', url: () => '/cases/new', heading: 'any' },
  'cases/:caseId': { as: 'worker', url: (w) => `/cases/${w.people[0].caseId}`, heading: ['Per Hansen', 'Per Hansen'] },
  occupancy: { as: 'worker', url: () => '/occupancy', heading: 'any' },
  'occupancy/:facilityId': { as: 'worker', url: (w) => `/occupancy/${w.homeId}`, heading: 'any' },
  'waiting-list': { as: 'worker', url: () => '/waiting-list', heading: ['Venteliste', 'Waiting list'] },
  'waiting-list/:facilityId': { as: 'worker', url: (w) => `/waiting-list/${w.homeId}`, heading: ['Venteliste', 'Waiting list'] },
  handover: { as: 'worker', url: () => '/handover', heading: 'any' },
  'handover/:facilityId': { as: 'worker', url: (w) => `/handover/${w.homeId}`, heading: 'any' },
  work: { as: 'worker', url: () => '/work', heading: ['Arbeidsliste', 'Work queue'] },
  caseload: { as: 'worker', url: () => '/caseload', heading: ['Oppfølgingsliste', 'Caseload'] },
  notes: { as: 'worker', url: () => '/notes', heading: ['Søk i journalnotater', 'Search journal notes'] },
  dashboard: { as: 'supervisor', url: () => '/dashboard', heading: ['Oversikt for ledere', 'Supervisor dashboard'] },
  'reports/outcomes': {
    as: 'supervisor',
    url: (w) => `/reports/outcomes?facilityId=${w.homeId}&from=2026-03-01&to=2026-06-30`,
    heading: ['Utfallsrapport', 'Outcome report'],
  },
  audit: { as: 'auditor', url: () => '/audit', heading: ['Revisjonslogg', 'Audit log'] },
  'audit/replay': { as: 'auditor', url: () => '/audit/replay', heading: ['Gjennomspilling av sak', 'Case replay'] },
  'audit/replay/:caseId': { as: 'auditor', url: (w) => `/audit/replay/${w.waitingCaseId}`, heading: ['Gjennomspilling av sak', 'Case replay'] },
  'audit/verify': { as: 'auditor', url: () => '/audit/verify', heading: 'any' },
  'audit/access-log': {
    as: 'auditor',
    url: (w) => `/audit/access-log?personId=${w.people[0].personId}`,
    heading: ['Tilgangslogg per person', 'Access log per person'],
  },
  'audit/access-log/flagged': { as: 'auditor', url: () => '/audit/access-log/flagged', heading: ['Flaggede oppslag', 'Flagged reads'] },
  'admin/users': { as: 'admin', url: () => '/admin/users', heading: ['Brukere', 'Users'] },
  'admin/users/:userId': { as: 'admin', url: (w) => `/admin/users/${w.auditorUserId}`, heading: ['sa.revisor', 'sa.revisor'] },
  'admin/facilities': { as: 'admin', url: () => '/admin/facilities', heading: ['Boliger', 'Facilities'] },
  'admin/facilities/:facilityId': { as: 'admin', url: (w) => `/admin/facilities/${w.homeId}`, heading: ['Bolig Nu', 'Bolig Nu'] },
  '*': { as: 'worker', url: () => '/no/such/page', heading: ['Fant ikke siden', 'Page not found'] },
};

/** The route paths App.tsx declares: `<Route index` as '', `<Route path="x"` as x. */
export function appRoutes(): string[] {
  const source = readFileSync(join(ROOT, 'apps/admin-ui/src/App.tsx'), 'utf8');
  return [...source.matchAll(/<Route\s+(?:index\b|path="([^"]*)")/g)].map((m) => m[1] ?? '');
}

/** Data that gives every route something to show: a stay with an incident, exclusion and move-out, a waiting case, a flagged read. */
export async function seedRouteWorld(t: TestApp): Promise<RouteWorld> {
  const seeded = await seedStays(t, [
    {
      givenName: 'Per',
      familyName: 'Hansen',
      birthDate: '1980-02-01',
      gender: 'male',
      moveInOn: '2026-03-10',
      incidents: [{ on: '2026-04-05', kind: 'threat_or_violence' }],
      exclusion: { on: '2026-04-10', reason: 'violence_or_threats' },
      moveOut: { on: '2026-04-20', destination: 'shelter_or_guesthouse' },
    },
  ]);
  const waiting = await seedWaiting(t, seeded, { givenName: 'Ola', familyName: 'Venter' }, '2026-05-01');
  // A flagged read, so the flagged list and the person's access log have rows.
  const outsider = await t.login(seeded.users.outsider, PASSWORD);
  const read = await t.request('GET', `/api/v1/cases/${seeded.people[0].caseId}`, {
    token: outsider,
    headers: { 'x-access-purpose': 'Nattevakt: trengte hjelp' },
  });
  expect(read.status).toBe(200);
  const auditor = await t.request('GET', `/api/v1/users?q=${seeded.users.auditor}`, { token: seeded.tokens.admin });
  return { ...seeded, waitingCaseId: waiting.caseId, auditorUserId: auditor.body.items[0].userId };
}

/** The page has settled: its h1 shows, nothing loads, no request is out. */
export async function settled(page: Page, heading: string | null): Promise<void> {
  if (heading) await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor();
  else await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .getByRole('status', { name: /Laster|Loading/ })
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** A file name for a route's screenshot. */
export const routeShotName = (path: string) => (path === '' ? 'index' : path === '*' ? 'not-found' : path.replace(/[/:]+/g, '-'));
