/** The languages the app speaks; the first is the fallback. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

const storageKey = 'waymark.locale';

/** Narrows any string to a supported locale (browsers say `zh`, `zh-Hans-CN`, `en-GB`…). */
export function toLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  if (value === 'en' || value.startsWith('en-')) return 'en';
  if (value === 'zh-CN' || value === 'zh' || value.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

/** The remembered choice, else the browser's language, else English. */
export function initialLocale(): Locale {
  try {
    const saved = toLocale(window.localStorage.getItem(storageKey));
    if (saved) return saved;
  } catch {
    // Storage can be unavailable (private mode); fall through to the browser's language.
  }
  for (const language of window.navigator.languages ?? []) {
    const locale = toLocale(language);
    if (locale) return locale;
  }
  return 'en';
}

/** Remembers the planner's choice for the next visit. */
export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Not remembering is acceptable; the switch still works for this visit.
  }
}
