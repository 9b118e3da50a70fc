/** The languages a script can be written in; helpers format numbers and dates to match. */
export type TemplateLocale = 'zh-CN' | 'en';

/** Supported locales, in the order the UI offers them. */
export const templateLocales: readonly TemplateLocale[] = ['zh-CN', 'en'];

/** The zone dates are shown in unless a render says otherwise: where the bank's customers live. */
export const defaultTimeZone = 'Asia/Shanghai';

/**
 * Maps a BCP 47 tag (`zh`, `zh-Hans-CN`, `en-GB`, …) to the locale whose formats we use, or
 * `undefined` when it is neither Chinese nor English.
 */
export function toTemplateLocale(tag: unknown): TemplateLocale | undefined {
  if (typeof tag !== 'string') return undefined;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return undefined;
}

const knownZones = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone this runtime's Intl knows (memoised: Intl is slow to build). */
export function isKnownTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  const cached = knownZones.get(zone);
  if (cached !== undefined) return cached;
  let known: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    known = true;
  } catch {
    known = false;
  }
  if (knownZones.size > 500) knownZones.clear();
  knownZones.set(zone, known);
  return known;
}
