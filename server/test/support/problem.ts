import { expect } from 'vitest';

/** Every refusal is a problem+json 4xx with a code and a message, never a 5xx. */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = response.json() as { code: string; title: string; status: number; type: string };
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.title.length).toBeGreaterThan(10);
  expect(body.type).toBe(`urn:waymark:error:${code}`);
  return body as {
    code: string;
    title: string;
    detail?: string;
    errors?: { path: string; message: string }[];
  };
}
