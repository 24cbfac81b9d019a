import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session';
import { Layout } from './components/Layout';
import { CasesPage } from './pages/CasesPage';
import { NewReferralPage } from './pages/NewReferralPage';
import { CasePage } from './pages/CasePage';
import { OccupancyPage } from './pages/OccupancyPage';
import { DashboardPage } from './pages/DashboardPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { ReplayPage } from './pages/ReplayPage';
import { VerifyPage } from './pages/VerifyPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutcomeReportPage } from './pages/OutcomeReportPage';
import { AccessLogPage } from './pages/AccessLogPage';
import { PurposePrompt } from './components/PurposePrompt';
import { WaitingListPage } from './pages/WaitingListPage';
import { HandoverPage } from './pages/HandoverPage';
import { NoteSearchPage } from './pages/NoteSearchPage';
import { WorkQueuePage } from './pages/WorkQueuePage';
import { CaseloadPage } from './pages/CaseloadPage';
import { useRef } from 'react';
import { SignedOutPage } from './pages/admin/SignedOutPage';
import { UsersPage } from './pages/admin/UsersPage';
import { UserPage } from './pages/admin/UserPage';
import { FacilitiesPage } from './pages/admin/FacilitiesPage';
import { FacilityPage } from './pages/admin/FacilityPage';
import type { Role } from './api/types';

/** The first page that makes sense for the user's roles. */
function home(roles: Role[]): string {
  if (roles.includes('case_worker') || roles.includes('team_lead')) return '/cases';
  if (roles.includes('supervisor')) return '/dashboard';
  if (roles.includes('auditor')) return '/audit';
  if (roles.includes('admin')) return '/admin/users';
  return '/occupancy';
}

export function App() {
  const { user, roles } = useSession();
  // Whether the login page was shown in this app's life: then the first page after it takes focus.
  const sawLogin = useRef(false);
  if (!user) {
    sawLogin.current = true;
    return <SignedOutPage />;
  }
  return (
    <>
      <PurposePrompt />
      <Routes>
        <Route element={<Layout focusOnMount={sawLogin.current} />}>
          <Route index element={<Navigate to={home(roles)} replace />} />
          <Route path="login" element={<Navigate to={home(roles)} replace />} />
          <Route path="cases" element={<CasesPage />} />
          <Route path="cases/new" element={<NewReferralPage />} />
          <Route path="cases/:caseId" element={<CasePage />} />
          <Route path="occupancy" element={<OccupancyPage />} />
          <Route path="occupancy/:facilityId" element={<OccupancyPage />} />
          <Route path="waiting-list" element={<WaitingListPage />} />
          <Route path="waiting-list/:facilityId" element={<WaitingListPage />} />
          <Route path="handover" element={<HandoverPage />} />
          <Route path="handover/:facilityId" element={<HandoverPage />} />
          <Route path="notes" element={<NoteSearchPage />} />
          <Route path="work" element={<WorkQueuePage />} />
          <Route path="caseload" element={<CaseloadPage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="audit" element={<AuditLogPage />} />
          <Route path="audit/replay" element={<ReplayPage />} />
          <Route path="audit/replay/:caseId" element={<ReplayPage />} />
          <Route path="audit/verify" element={<VerifyPage />} />
          <Route path="reports/outcomes" element={<OutcomeReportPage />} />
          <Route path="audit/access-log" element={<AccessLogPage mode="person" />} />
          <Route path="audit/access-log/flagged" element={<AccessLogPage mode="flagged" />} />
          <Route path="admin/users" element={<UsersPage />} />
          <Route path="admin/users/:userId" element={<UserPage />} />
          <Route path="admin/facilities" element={<FacilitiesPage />} />
          <Route path="admin/facilities/:facilityId" element={<FacilityPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
