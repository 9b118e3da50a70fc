import type { ReactNode } from 'react';

interface BannerProps {
  kind: 'error' | 'warning' | 'info' | 'success';
  children: ReactNode;
  action?: ReactNode;
}

/** A one-line message above content; errors are announced to screen readers. */
export function Banner({ kind, children, action }: BannerProps) {
  return (
    <div className={`banner banner-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span className="banner-text">{children}</span>
      {action ? <span className="banner-action">{action}</span> : null}
    </div>
  );
}
