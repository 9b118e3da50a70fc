import type { TFunction } from 'i18next';
import { isApiError } from '../api/api-error.ts';

/**
 * A planner-readable sentence for any failure: the translation of the server's error code when
 * we have one, else the server's own detail, else a generic "something went wrong".
 */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const key = `errors.${error.code}`;
    const translated = t(key, { defaultValue: '' });
    const fields = fieldErrors(error.body);
    if (translated) return fields ? `${translated} (${fields})` : translated;
    if (error.detail) return error.detail;
    return t('errors.unknown', { status: error.status });
  }
  return t('errors.unknown', { status: '—' });
}

/** "name: must not be empty; revision: …" from a problem's `errors`, to say which field is wrong. */
function fieldErrors(body: Record<string, unknown>): string {
  const errors = body.errors;
  if (!Array.isArray(errors)) return '';
  return errors
    .slice(0, 3)
    .map((entry: { path?: unknown; message?: unknown }) => {
      const path = typeof entry.path === 'string' ? entry.path.replace(/^body\./, '') : '';
      const message = typeof entry.message === 'string' ? entry.message : '';
      return path ? `${path}: ${message}` : message;
    })
    .filter(Boolean)
    .join('; ');
}
