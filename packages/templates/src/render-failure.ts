import { locKey, RenderAbort, type RenderError, readLoc } from './errors.ts';

/** What the analysis knows about the failing template, to name the variable that was missing. */
export interface FailureContext {
  pathsAt: ReadonlyMap<string, string>;
}

function located(error: RenderError, line: number | undefined, column: number | undefined): RenderError {
  if (line !== undefined) error.line = line;
  if (column !== undefined) error.column = column;
  return error;
}

function missingVariable(path: string, line?: number, column?: number): RenderError {
  return located(
    {
      code: 'template.missing-variable',
      message:
        `{{${path}}} has no value for this customer. ` +
        `If it is optional, write {{default ${path} "…"}} to show a fallback instead.`,
    },
    line,
    column,
  );
}

/** Handlebars strict mode: `"name" not defined in …`, located at the path. */
function fromStrictLookup(
  error: Error & { lineNumber?: unknown; column?: unknown },
  context: FailureContext,
) {
  const name = /^"([^"]*)" not defined in /.exec(error.message)?.[1];
  if (name === undefined) return undefined;
  const loc = readLoc({ start: { line: error.lineNumber, column: error.column } });
  const path = loc === undefined ? undefined : context.pathsAt.get(locKey(loc));
  return missingVariable(path ?? name, loc?.start.line, loc === undefined ? undefined : loc.start.column + 1);
}

/**
 * Reading a field of something that is not there (`a.b.c` where `a.b` is missing) fails inside
 * Handlebars' generated code with a TypeError that names only the field; the path that holds it
 * is found among the template's paths.
 */
function fromTypeError(error: TypeError, context: FailureContext): RenderError | undefined {
  const field =
    /reading '([^']*)'/.exec(error.message)?.[1] ??
    /search for '([^']*)'/.exec(error.message)?.[1] ??
    undefined;
  if (field === undefined) return undefined;
  for (const [key, path] of context.pathsAt) {
    const parts = path.split('.');
    const index = parts.indexOf(field);
    if (index > 0) {
      const [line, column] = key.split(':').map(Number);
      return missingVariable(
        parts.slice(0, index).join('.'),
        line,
        column === undefined ? undefined : column + 1,
      );
    }
  }
  return missingVariable(field);
}

/** Turns anything a render threw into a planner-readable error with a code. Never throws. */
export function toRenderError(error: unknown, context: FailureContext): RenderError {
  try {
    if (error instanceof RenderAbort) return error.toRenderError();
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return {
        code: 'template.render',
        message: 'The script is too complex to fill in (it nests too deeply).',
      };
    }
    if (error instanceof TypeError) {
      const missing = fromTypeError(error, context);
      if (missing !== undefined) return missing;
    }
    if (error instanceof Error) {
      const missing = fromStrictLookup(error, context);
      if (missing !== undefined) return missing;
    }
  } catch {
    // Fall through to the generic error: reporting must never fail.
  }
  return { code: 'template.render', message: 'The script could not be filled in with this data.' };
}
