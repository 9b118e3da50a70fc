/** A value a message template may show. Arrays are joined with the locale's list separator. */
export type MessageParam = string | number | readonly (string | number)[];

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Replaces `{name}` placeholders. A placeholder without a value stays visible as `{name}` so a
 * missing parameter is noticed in the UI rather than silently producing a half sentence.
 */
export function fillTemplate(
  template: string,
  params: Readonly<Record<string, MessageParam>>,
  listSeparator = ', ',
): string {
  return template.replace(placeholder, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    if (Array.isArray(value)) return value.join(listSeparator);
    return String(value);
  });
}

/** The placeholder names a template uses, for checking that every translation takes the same ones. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1] as string).sort();
}
