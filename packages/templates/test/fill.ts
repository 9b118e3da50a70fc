import {
  type CompileOptions,
  compileTemplate,
  type RenderOptions,
  type RenderResult,
  render,
} from '../src/index.ts';

/** Compiles and renders, failing the test with the problem when the template does not compile. */
export function renderSource(
  source: string,
  data: unknown,
  options: RenderOptions & CompileOptions = {},
): RenderResult {
  const compiled = compileTemplate(source, options);
  if (!compiled.ok)
    throw new Error(`Expected ${JSON.stringify(source)} to compile: ${JSON.stringify(compiled.error)}`);
  return render(compiled.template, data, options);
}

/** The rendered text, failing the test with the render error when there is one. */
export function fill(
  source: string,
  data: unknown = {},
  options: RenderOptions & CompileOptions = {},
): string {
  const result = renderSource(source, data, options);
  if (!result.ok)
    throw new Error(`Expected ${JSON.stringify(source)} to render: ${JSON.stringify(result.error)}`);
  return result.text;
}
