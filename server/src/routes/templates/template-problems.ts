import { validateTemplate } from '@waymark/templates';
import { appError, type FieldError } from '../../errors/app-error.ts';

/**
 * Refuses a script (and e-mail subject) that cannot be compiled, with every problem located by
 * line and column, so a template in the library is always usable by a journey.
 */
export function assertTemplateCompiles(input: {
  channel: 'sms' | 'wecom' | 'push' | 'email' | 'rm';
  body: string;
  subject: string | null;
}): { variables: string[] } {
  const body = validateTemplate(input.body, { channel: input.channel });
  const subject = input.subject ? validateTemplate(input.subject, { format: 'text' }) : undefined;
  const located = [
    ...body.problems.map((p) => ({ ...p, field: 'body' })),
    ...(subject?.problems ?? []).map((p) => ({ ...p, field: 'subject' })),
  ];
  if (located.length > 0) {
    const errors: FieldError[] = located.map((p) => ({
      path: `body.${p.field}`,
      message: `line ${p.line}, column ${p.column}: ${p.message}`,
    }));
    throw appError('template.invalid', errors[0]?.message, {
      errors,
      extensions: {
        problems: located.map((p) => ({
          field: p.field,
          code: p.code,
          message: p.message,
          line: p.line,
          column: p.column,
        })),
      },
    });
  }
  return { variables: [...new Set([...body.variables, ...(subject?.variables ?? [])])].sort() };
}
