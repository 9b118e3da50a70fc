import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { initialLocale, type Locale, rememberLocale, toLocale } from './locale.ts';
import { zhCN } from './zh-CN.ts';

export type { Locale } from './locale.ts';
export { locales } from './locale.ts';

/** Starts i18next with the remembered language; call once before the first render. */
export async function setupI18n(): Promise<void> {
  const lng = initialLocale();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

/** Switches the language everywhere and remembers it. */
export async function changeLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

/** `t` plus the current locale, typed to the app's two languages. */
export function useI18n() {
  const { t, i18n } = useTranslation();
  const locale: Locale = toLocale(i18n.language) ?? 'en';
  return { t, locale };
}
