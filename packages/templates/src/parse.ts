import type { TemplateProblem } from './errors.ts';
import type { HandlebarsEnv } from './handlebars-env.ts';
import { prescan } from './prescan.ts';

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

/** Offset of a 1-based line and column in `source`. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next === -1) return source.length;
    offset = next + 1;
  }
  return Math.min(source.length, offset + column - 1);
}

/** 1-based line and column of an offset. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Where a `{{` is opened and never closed before the end, if that is what stopped the parser. */
function unclosedTagBefore(source: string, offset: number): { line: number; column: number } | undefined {
  const open = source.lastIndexOf('{{', offset);
  if (open === -1 || source.indexOf('}}', open) !== -1) return undefined;
  return positionOf(source, open);
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
  const tooBig = prescan(source);
  if (tooBig !== undefined) {
    return {
      ok: false,
      problem: { code: 'template.too-long', message: tooBig.message, ...positionOf(source, tooBig.offset) },
    };
  }
  try {
    return { ok: true, ast: hb.parse(source) };
  } catch (error) {
    if (error instanceof RangeError) {
      const message = 'The script is too deeply nested to read.';
      return { ok: false, problem: { code: 'template.too-long', message, line: 1, column: 1 } };
    }
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
    const line = typeof at?.first_line === 'number' ? at.first_line : lineFromMessage;
    const column = typeof at?.first_column === 'number' ? at.first_column + 1 : 1;
    const unclosed = unclosedTagBefore(source, offsetOf(source, line, column));
    if (unclosed !== undefined) {
      return {
        ok: false,
        problem: {
          code: 'template.syntax',
          message: 'This {{ is never closed: end the tag with }}.',
          ...unclosed,
        },
      };
    }
    return {
      ok: false,
      problem: {
        code: 'template.syntax',
        message: raw.startsWith('Lexical error')
          ? 'Unrecognised text inside {{ … }}: check quotes, brackets and spaces.'
          : friendlyParseMessage(raw),
        line,
        column,
      },
    };
  }
}
