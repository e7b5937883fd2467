import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from './common/load-state.js';
import { CallLogPage } from './features/calls/call-log.page.js';
import { CaseDetailPage } from './features/cases/case-detail.page.js';
import { CaseListPage } from './features/cases/case-list.page.js';
import { Customer360Page } from './features/customers/customer-360.page.js';
import { CustomerSearchPage } from './features/customers/customer-search.page.js';
import { DeskPage } from './features/desk/desk.page.js';
import { ArticleEditorPage } from './features/knowledge/article-editor.page.js';
import { KnowledgePage } from './features/knowledge/knowledge.page.js';
import { TalkFlowEditorPage } from './features/talk-flows/talk-flow-editor.page.js';
import { TalkFlowListPage } from './features/talk-flows/talk-flow-list.page.js';
import { IvrFlowEditorPage } from './features/ivr/ivr-flow-editor.page.js';
import { IvrFlowListPage } from './features/ivr/ivr-flow-list.page.js';
import { PortalAdminPage } from './features/portal-admin/portal-admin.page.js';
import { RoutingAdminRedirect } from './features/routing-admin/admin-redirect.js';
import { RoutingAdminPage } from './features/routing-admin/routing-admin.page.js';
import { TelephonySettingsPage } from './features/telephony/telephony-settings.page.js';
import { WallboardPage } from './features/wallboard/wallboard.page.js';
import { LoginPage } from './features/auth/login.page.js';
import { HomeRedirect, RequireSession, SessionExpiryWatcher } from './features/auth/session-guard.js';
import { TenantPickerPage } from './features/auth/tenant-picker.page.js';
import { TenantScope } from './features/auth/tenant-scope.js';
import { AppLayout } from './shell/app-layout.js';

/**
 * Routes of the console:
 *   /login                       sign in
 *   /tenants                     tenant picker (対応する企業を選択)
 *   /t/:tenant/customers         customer search
 *   /t/:tenant/customers/:id     customer 360
 *   /t/:tenant/cases             case list
 *   /t/:tenant/cases/:id         case detail
 *   /t/:tenant/calls             call log (通話履歴; ?agent=&from=&to=, days in the tenant's zone); agents: their own calls
 *   /t/:tenant/knowledge         knowledge search and articles (ナレッジ; ?q=&category=&article=); /new, /:id/edit the editor
 *   /t/:tenant/talk-flows        talk flows (トークスクリプト); /:id the visual editor
 *   /t/:tenant/ivr-flows         IVR flows (自動音声応答); /:id the visual editor with its test call
 *   /t/:tenant/admin/routing     routing settings (ルーティング設定; ?tab=skills|queues|agents|hours|reasons)
 *   /t/:tenant/admin/portal      FAQ portal settings, health, stale articles, customer voices (?tab=)
 *   /t/:tenant/admin/telephony   telephony settings (電話設定): Twilio, softphone, blocked numbers, CTI token
 *   /admin/routing               → routing settings of the last (or first) tenant the user administers
 *   /desk                        agent desktop (エージェント): offers and contacts of every tenant the agent serves
 *   /wallboard                   supervisor wallboard (ウォールボード; ?tenants=slug1,slug2)
 */
export function App() {
  return (
    <>
      <SessionExpiryWatcher />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomeRedirect />} />
          <Route
            path="tenants"
            element={
              <AppLayout>
                <TenantPickerPage />
              </AppLayout>
            }
          />
          <Route
            path="desk"
            element={
              <AppLayout>
                <DeskPage />
              </AppLayout>
            }
          />
          <Route
            path="wallboard"
            element={
              <AppLayout>
                <WallboardPage />
              </AppLayout>
            }
          />
          <Route
            path="admin/routing"
            element={
              <AppLayout>
                <RoutingAdminRedirect />
              </AppLayout>
            }
          />
          <Route path="t/:tenant" element={<TenantScope />}>
            <Route index element={<Navigate to="customers" replace />} />
            <Route path="customers" element={<CustomerSearchPage />} />
            <Route path="customers/:id" element={<Customer360Page />} />
            <Route path="cases" element={<CaseListPage />} />
            <Route path="cases/:id" element={<CaseDetailPage />} />
            <Route path="calls" element={<CallLogPage />} />
            <Route path="knowledge" element={<KnowledgePage />} />
            <Route path="knowledge/new" element={<ArticleEditorPage />} />
            <Route path="knowledge/:id/edit" element={<ArticleEditorPage />} />
            <Route path="talk-flows" element={<TalkFlowListPage />} />
            <Route path="talk-flows/:id" element={<TalkFlowEditorPage />} />
            <Route path="ivr-flows" element={<IvrFlowListPage />} />
            <Route path="ivr-flows/:id" element={<IvrFlowEditorPage />} />
            <Route path="admin/routing" element={<RoutingAdminPage />} />
            <Route path="admin/portal" element={<PortalAdminPage />} />
            <Route path="admin/telephony" element={<TelephonySettingsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route
            path="*"
            element={
              <AppLayout>
                <NotFoundPage />
              </AppLayout>
            }
          />
        </Route>
      </Routes>
    </>
  );
}
