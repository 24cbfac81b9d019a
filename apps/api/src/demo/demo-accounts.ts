import type { Role } from '@app/domain';

/** One obvious password for every demo account: this is demo data, never a real installation. */
export const DEMO_PASSWORD = 'demo-passord-123';

export type DemoAccountKey = 'admin' | 'caseWorker' | 'teamLead' | 'supervisor' | 'auditor';

export interface DemoAccount {
  readonly key: DemoAccountKey;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** What the account is for, as printed at start. */
  readonly description: string;
  /** Facility-scoped roles get every demo facility, so one login sees everything. */
  readonly allFacilities: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'admin',
    username: 'demo.admin',
    displayName: 'Demo Administrator',
    role: 'admin',
    description: 'administrator: users and facilities',
    allFacilities: false,
  },
  {
    key: 'caseWorker',
    username: 'demo.saksbehandler',
    displayName: 'Demo Saksbehandler',
    role: 'case_worker',
    description: 'case worker (saksbehandler) in all demo facilities',
    allFacilities: true,
  },
  {
    key: 'teamLead',
    username: 'demo.teamleder',
    displayName: 'Demo Teamleder',
    role: 'team_lead',
    description: 'team lead: decisions, exclusions, appeal reviews, in all demo facilities',
    allFacilities: true,
  },
  {
    key: 'supervisor',
    username: 'demo.fagleder',
    displayName: 'Demo Fagleder',
    role: 'supervisor',
    description: 'supervisor (fagleder): dashboards of all demo facilities',
    allFacilities: true,
  },
  {
    key: 'auditor',
    username: 'demo.revisor',
    displayName: 'Demo Revisor',
    role: 'auditor',
    description: 'auditor (revisor): reads everything',
    allFacilities: false,
  },
];
