import type { ReactNode } from 'react';
import { can } from '../api/auth.ts';
import { usePendingApprovalCount } from '../approvals/use-pending-count.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/index.ts';
import { LocaleSwitch } from './locale-switch.tsx';
import { navigate, useLocation } from './router.ts';

const sections = [
  { path: '/journeys', label: 'shell.journeys' },
  { path: '/templates', label: 'shell.templates' },
  { path: '/customers', label: 'shell.customers' },
  // Approvers' queue of journeys waiting for sign-off (maker–checker).
  { path: '/approvals', label: 'shell.approvals', permission: 'journeys.approve' },
  // Relationship managers' own calls and visits; only roles that work such tasks see the entry.
  { path: '/tasks', label: 'shell.rmTasks', permission: 'rm-tasks.work' },
] as const;

/** The frame around every signed-in page: brand, sections, language, who is signed in. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const pendingApprovals = usePendingApprovalCount(can(user, 'journeys.approve'), location);
  return (
    <div className="shell">
      <header className="topbar">
        <a
          className="brand"
          href="/journeys"
          onClick={(event) => {
            event.preventDefault();
            navigate('/journeys');
          }}
        >
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Waymark
        </a>
        <nav className="topnav" aria-label={t('shell.navigation')}>
          {sections
            .filter((section) => !('permission' in section) || can(user, section.permission))
            .map((section) => (
              <a
                key={section.path}
                href={section.path}
                className={location.startsWith(section.path) ? 'active' : undefined}
                aria-current={location.startsWith(section.path) ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(section.path);
                }}
              >
                {t(section.label)}
                {section.path === '/approvals' && pendingApprovals ? (
                  <span className="nav-count" data-testid="pending-approvals">
                    {pendingApprovals}
                  </span>
                ) : null}
              </a>
            ))}
        </nav>
        <div className="topbar-end">
          <LocaleSwitch />
          <span className="user-name" title={user?.username}>
            {user?.displayName ?? user?.username}
          </span>
          <button type="button" className="button ghost" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div className="shell-content">{children}</div>
    </div>
  );
}
