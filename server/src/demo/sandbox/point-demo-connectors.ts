import { type Db, schema } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { eq } from 'drizzle-orm';
import { demoConnectors } from '../demo-content.ts';
import type { SandboxProviders } from './sandbox-providers.ts';

/**
 * Points the seeded demo connectors at this start's sandbox providers (their ports change on
 * every start). A demo connector a channel team has since pointed at a real provider is left
 * alone: only connectors with no credentials, or with a loopback address (a previous sandbox),
 * are re-pointed. Returns the ids of the connectors now sending into the sandbox.
 */
export async function pointDemoConnectorsAtSandbox(
  db: Db,
  cipher: PiiCipher,
  providers: SandboxProviders,
  now: Date,
): Promise<string[]> {
  const pointed: string[] = [];
  for (const demo of demoConnectors) {
    const [row] = await db.orm
      .select({ credentialsEnc: schema.connectors.credentialsEnc })
      .from(schema.connectors)
      .where(eq(schema.connectors.id, demo.id));
    if (!row || !isSandboxOrUnset(row.credentialsEnc, cipher)) continue;
    await db.orm
      .update(schema.connectors)
      .set({
        // Demo databases seeded before the push connector existed stored the kind as "push".
        kind: demo.kind,
        credentialsEnc: cipher.encrypt(JSON.stringify(providers.credentials[demo.kind])),
        updatedAt: now,
      })
      .where(eq(schema.connectors.id, demo.id));
    pointed.push(demo.id);
  }
  return pointed;
}

function isSandboxOrUnset(credentialsEnc: string | null, cipher: PiiCipher): boolean {
  if (credentialsEnc === null) return true;
  try {
    // HTTP connectors name a base URL, the mail relay a host.
    const { baseUrl, host } = JSON.parse(cipher.decrypt(credentialsEnc)) as {
      baseUrl?: unknown;
      host?: unknown;
    };
    if (typeof baseUrl === 'string') return new URL(baseUrl).hostname === '127.0.0.1';
    return host === '127.0.0.1';
  } catch {
    // Unreadable credentials (another key, a hand edit) belong to someone: do not overwrite them.
    return false;
  }
}
