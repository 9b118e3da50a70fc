import type { App } from '../../src/app.ts';

/** Posts a CSV to /customers/import and waits for the background import to finish. */
export async function importCsv(
  app: App,
  headers: Record<string, string>,
  csv: string,
  query: Record<string, string> = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/customers/import',
    query,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: csv,
  });
  await app.background.idle();
  return response;
}
