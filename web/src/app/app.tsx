import { can } from '../api/auth.ts';
import { ApprovalsPage } from '../approvals/approvals-page.tsx';
import { AuthProvider, useAuth } from '../auth/auth-context.tsx';
import { LoginPage } from '../auth/login-page.tsx';
import { JourneyEditorPage } from '../builder/journey-editor-page.tsx';
import { CustomerPage } from '../customers/customer-page.tsx';
import { CustomersPage } from '../customers/customers-page.tsx';
import { useI18n } from '../i18n/index.ts';
import { JourneysPage } from '../journeys/journeys-page.tsx';
import { RmTasksPage } from '../rm/rm-tasks-page.tsx';
import { TemplateEditorPage } from '../templates/template-editor-page.tsx';
import { TemplatesPage } from '../templates/templates-page.tsx';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';
import { matchPath, navigate, useLocation } from './router.ts';
import { Shell } from './shell.tsx';

function Routes() {
  const location = useLocation();
  const { t } = useI18n();
  const { user } = useAuth();
  let params = matchPath('/journeys/:id', location);
  if (params?.id) return <JourneyEditorPage journeyId={params.id} key={params.id} />;
  if (matchPath('/journeys', location)) return <JourneysPage />;
  params = matchPath('/templates/:id', location);
  if (params?.id) return <TemplateEditorPage templateId={params.id} key={params.id} />;
  if (matchPath('/templates', location)) return <TemplatesPage />;
  params = matchPath('/customers/:id', location);
  if (params?.id) return <CustomerPage customerId={params.id} key={params.id} />;
  if (matchPath('/customers', location)) return <CustomersPage />;
  if (matchPath('/tasks', location)) return <RmTasksPage />;
  if (matchPath('/approvals', location)) return <ApprovalsPage />;
  if (matchPath('/', location) || matchPath('/login', location)) {
    // Relationship managers start at their tasks; whoever plans journeys starts at the journeys.
    // Approvers, who change nothing themselves, start at what waits for their sign-off.
    const planning = can(user, 'journeys.write');
    const home =
      can(user, 'rm-tasks.work') && !planning
        ? '/tasks'
        : can(user, 'journeys.approve') && !planning
          ? '/approvals'
          : '/journeys';
    queueMicrotask(() => navigate(home, { replace: true }));
    return null;
  }
  return (
    <main className="page">
      <Banner kind="warning">{t('shell.notFound')}</Banner>
    </main>
  );
}

function Gate() {
  const { user, loadError, retry } = useAuth();
  const { t } = useI18n();
  if (loadError) {
    return (
      <main className="page">
        <Banner
          kind="error"
          action={
            <button type="button" className="button" onClick={retry}>
              {t('common.retry')}
            </button>
          }
        >
          {errorText(t, loadError)}
        </Banner>
      </main>
    );
  }
  if (user === undefined) return <div className="loading-screen">{t('common.loading')}</div>;
  if (user === null) return <LoginPage />;
  return (
    <Shell>
      <Routes />
    </Shell>
  );
}

/** The whole app: session first, then the signed-in shell and its pages. */
export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}
