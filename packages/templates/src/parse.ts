import type { TemplateProblem } from './errors.ts';
import type { HandlebarsEnv } from './handlebars-env.ts';

/** The Handlebars syntax tree of a template. */
export type TemplateAst = hbs.AST.Program;

/** Parser position of the token it stopped at (1-based lines, 0-based columns). */
interface ParserLocation {
  first_line?: number;
  first_column?: number;
}

// Jison's token names, as a planner would call them.
const tokenWords: Readonly<Record<string, string>> = {
  EOF: 'the end of the script',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  CLOSE_SEXPR: ')',
  OPEN_SEXPR: '(',
  EQUALS: '=',
  INVALID: 'text that is not allowed there',
  ID: 'a name',
  STRING: 'text in quotes',
  NUMBER: 'a number',
  SEP: '.',
  OPEN_BLOCK_PARAMS: 'as |…|',
  OPEN_ENDBLOCK: '{{/…}}',
  INVERSE: '{{else}}',
};

function friendlyParseMessage(raw: string): string {
  const got = /got '([^']+)'/.exec(raw)?.[1];
  const expected = /Expecting (.*), got/.exec(raw)?.[1] ?? '';
  if (got === 'EOF') {
    if (expected.includes('OPEN_ENDBLOCK')) {
      return 'The script ends before a block is closed: every {{#…}} needs its {{/…}}.';
    }
    return 'The script ends inside a {{ … }} tag: close it with }}.';
  }
  if (expected.includes("'CLOSE'") && got !== undefined && got !== 'INVALID') {
    return `Unexpected ${tokenWords[got] ?? got} inside {{ … }}: check the tag is complete and closed with }}.`;
  }
  if (got === 'INVALID') {
    return 'Unrecognised text inside {{ … }}: check quotes, brackets and spaces, and close the tag with }}.';
  }
  if (got !== undefined) {
    return `Unexpected ${tokenWords[got] ?? got} inside {{ … }}: a variable or helper name should come first.`;
  }
  return 'The script has a {{ … }} tag that cannot be read: check quotes, brackets and that every tag is closed.';
}

/** Rewrites Handlebars' structural messages (e.g. "if doesn't match each") for a planner. */
function friendlyExceptionMessage(raw: string): string {
  const text = raw.replace(/ - \d+:\d+$/, '');
  const mismatch = /^(.*) doesn't match (.*)$/.exec(text);
  if (mismatch !== null) {
    return `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}: every {{#${mismatch[1]}}} needs its own {{/${mismatch[1]}}}.`;
  }
  if (text.startsWith('Invalid path')) {
    return `${text.replace('Invalid path: ', 'The variable ')} is not valid: "..", "." and "this" may only start a path.`;
  }
  return text;
}

/**
 * Parses `source`, or says where and why it cannot be parsed (1-based line and column). The
 * parser reports lexer/grammar errors only as text, so the position comes from the lexer's last
 * token, read right after the (synchronous) failure.
 */
export function parseTemplate(
  hb: HandlebarsEnv,
  source: string,
): { ok: true; ast: TemplateAst } | { ok: false; problem: TemplateProblem } {
  try {
    return { ok: true, ast: hb.parse(source) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const exception = error as { lineNumber?: unknown; column?: unknown };
    if (typeof exception.lineNumber === 'number' && typeof exception.column === 'number') {
      return {
        ok: false,
        problem: {
          code: 'template.syntax',
          message: friendlyExceptionMessage(raw),
          line: exception.lineNumber,
          column: exception.column + 1,
        },
      };
    }
    const parser = (hb as unknown as { Parser?: { lexer?: { yylloc?: ParserLocation } } }).Parser;
    const at = parser?.lexer?.yylloc;
    const lineFromMessage = Number(/on line (\d+)/.exec(raw)?.[1] ?? 1);
    return {
      ok: false,
      problem: {
        code: 'template.syntax',
        message: raw.startsWith('Lexical error')
          ? 'Unrecognised text inside {{ … }}: check quotes, brackets and spaces.'
          : friendlyParseMessage(raw),
        line: typeof at?.first_line === 'number' ? at.first_line : lineFromMessage,
        column: typeof at?.first_column === 'number' ? at.first_column + 1 : 1,
      },
    };
  }
}
