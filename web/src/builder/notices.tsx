import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.ts';

/** A short message about what just happened, optionally with one action (Undo). */
export interface Notice {
  id: number;
  kind: 'info' | 'error' | 'success' | 'warning';
  text: string;
  action?: { label: string; run: () => void } | undefined;
}

/** Transient notices: each shows for a few seconds; a newer one replaces an older one of the same kind. */
export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const counter = useRef(0);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const show = useCallback(
    (kind: Notice['kind'], text: string, action?: Notice['action'], ms = 6000) => {
      counter.current += 1;
      const id = counter.current;
      // Only the newest Undo is offered: an older one would undo something else by now.
      setNotices((list) =>
        [...list.filter((n) => n.kind !== kind && !(action && n.action)), { id, kind, text, action }].slice(
          -3,
        ),
      );
      setTimeout(() => dismiss(id), ms);
    },
    [dismiss],
  );
  return { notices, show, dismiss };
}

export function NoticeStack({ notices, dismiss }: { notices: Notice[]; dismiss: (id: number) => void }) {
  const { t } = useI18n();
  if (notices.length === 0) return null;
  return (
    <div className="notice-stack">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`banner banner-${notice.kind} notice`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span className="banner-text">{notice.text}</span>
          {notice.action ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                notice.action?.run();
                dismiss(notice.id);
              }}
            >
              {notice.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="button ghost small"
            aria-label={t('common.close')}
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
