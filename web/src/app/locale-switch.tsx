import { changeLocale, type Locale, locales, useI18n } from '../i18n/index.ts';

const names: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The language picker; each language is named in itself so anyone can find theirs. */
export function LocaleSwitch() {
  const { t, locale } = useI18n();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select
        aria-label={t('shell.language')}
        value={locale}
        onChange={(event) => void changeLocale(event.target.value as Locale)}
      >
        {locales.map((code) => (
          <option key={code} value={code}>
            {names[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
