import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { pointDemoConnectorsAtSandbox } from './point-demo-connectors.ts';
import { createSandboxInbox, type SandboxInbox } from './sandbox-inbox.ts';
import { startSandboxProviders } from './sandbox-providers.ts';

/** The demo's stand-in providers while they run. */
export interface DemoSandbox {
  inbox: SandboxInbox;
  /** The demo connectors that send into the sandbox. */
  connectorIds: string[];
  close(): Promise<void>;
}

/**
 * Runs local SMS, WeCom, push and e-mail providers for the demo and points the demo connectors at them,
 * so demo journeys really send and a planner can read what customers would have received.
 * Returns undefined, with nothing left running, when no demo connector is there to point (the
 * database was not seeded as a demo, or every demo connector now talks to a real provider).
 * Callers start it only outside production.
 */
export async function startDemoSandbox(
  db: Db,
  cipher: PiiCipher,
  /** `inbox` to file messages in (a new one keeping the last 1,000 unless given). */
  options: { inbox?: SandboxInbox; now?: Date } = {},
): Promise<DemoSandbox | undefined> {
  const inbox = options.inbox ?? createSandboxInbox();
  const providers = await startSandboxProviders(inbox);
  try {
    const connectorIds = await pointDemoConnectorsAtSandbox(db, cipher, providers, options.now ?? new Date());
    if (connectorIds.length === 0) {
      await providers.close();
      return undefined;
    }
    return { inbox, connectorIds, close: () => providers.close() };
  } catch (error) {
    await providers.close();
    throw error;
  }
}
