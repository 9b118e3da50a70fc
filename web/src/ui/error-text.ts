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
    if (translated) return translated;
    if (error.detail) return error.detail;
    return t('errors.unknown', { status: error.status });
  }
  return t('errors.unknown', { status: '—' });
}
