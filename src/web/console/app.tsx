import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from './common/load-state.js';
import { CaseDetailPage } from './features/cases/case-detail.page.js';
import { CaseListPage } from './features/cases/case-list.page.js';
import { Customer360Page } from './features/customers/customer-360.page.js';
import { CustomerSearchPage } from './features/customers/customer-search.page.js';
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
          <Route path="t/:tenant" element={<TenantScope />}>
            <Route index element={<Navigate to="customers" replace />} />
            <Route path="customers" element={<CustomerSearchPage />} />
            <Route path="customers/:id" element={<Customer360Page />} />
            <Route path="cases" element={<CaseListPage />} />
            <Route path="cases/:id" element={<CaseDetailPage />} />
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
