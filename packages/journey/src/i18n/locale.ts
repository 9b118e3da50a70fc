/** The languages the product speaks. Every text a planner reads exists in each of them. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/** One text in every supported language. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** The text in `locale`, falling back to English for a locale the product does not speak. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.en;
}
