import { useSyncExternalStore } from 'react';

/**
 * A small history-API router: the app has a handful of pages, so a pattern table and a
 * `navigate()` are all it needs (and it keeps the bundle free of a router whose engines demand a
 * newer Node than the project runs).
 */
const changeEvent = 'waymark:navigate';

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(changeEvent, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(changeEvent, callback);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query (`/journeys?status=live`), re-rendering on every navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}

/** Goes to `to` inside the app without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(changeEvent));
}

/** Matches `/journeys/:id` against a path; returns the named parts, or undefined when it does not match. */
export function matchPath(pattern: string, location: string): Record<string, string> | undefined {
  const path = location.split('?')[0] ?? '';
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return undefined;
  }
  return params;
}

/** Reads one query parameter of the current location. */
export function queryParam(location: string, name: string): string | undefined {
  const query = location.split('?')[1];
  if (!query) return undefined;
  return new URLSearchParams(query).get(name) ?? undefined;
}
