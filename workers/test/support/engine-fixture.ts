import { randomBytes } from 'node:crypto';
import { startTestSmsGateway, type TestSmsGateway } from '@waymark/connectors/testing';
import { type CustomerInput, upsertCustomers } from '@waymark/db';
import { createPiiCipher, type PiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { createTestPrefix, dropPrefix, testRedisUrl } from '@waymark/queues/testing';
import { Redis } from 'ioredis';
import { createManualClock, type ManualClock } from '../../src/runtime/clock.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { createEngineResources, type EngineResources } from '../../src/runtime/resources.ts';
import type { EngineSettings } from '../../src/runtime/settings.ts';

/** A database, a Redis prefix, a manual clock and engine resources that belong to one test file. */
export interface EngineFixture {
  testDb: TestDb;
  redis: Redis;
  prefix: string;
  cipher: PiiCipher;
  clock: ManualClock;
  r: EngineResources;
  close(): Promise<void>;
}

export async function createEngineFixture(
  options: { settings?: Partial<EngineSettings>; start?: Date; label?: string } = {},
): Promise<EngineFixture> {
  const testDb = await createTestDb();
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const prefix = createTestPrefix(options.label ?? 'engine');
  const cipher = createPiiCipher(randomBytes(32));
  const clock = createManualClock(options.start ?? new Date('2026-11-23T02:00:00Z'));
  const r = createEngineResources({
    db: testDb.db,
    redis,
    prefix,
    cipher,
    clock,
    log: createLogger({ level: 'silent' }),
    // Tests publish a journey and send its first event in the same millisecond.
    settings: { journeyCacheMs: 0, ...options.settings },
  });
  return {
    testDb,
    redis,
    prefix,
    cipher,
    clock,
    r,
    async close() {
      await r.producers.close();
      await dropPrefix(redis, prefix);
      redis.disconnect();
      await testDb.drop();
    },
  };
}

/** Stores a connector row with encrypted credentials, as the server's connector API does. */
export async function insertConnector(
  f: EngineFixture,
  row: {
    id: string;
    kind: string;
    channel: string;
    credentials: Record<string, unknown>;
    settings?: Record<string, unknown>;
  },
): Promise<void> {
  await f.testDb.db.query(
    `INSERT INTO connectors (id, kind, channel, name, credentials_enc, settings) VALUES ($1, $2, $3, $1, $4, $5)`,
    [
      row.id,
      row.kind,
      row.channel,
      f.cipher.encrypt(JSON.stringify(row.credentials)),
      JSON.stringify(row.settings ?? {}),
    ],
  );
}

/**
 * Starts a real local SMS gateway and registers it as connector `sms-main`, the channel most engine
 * tests send through. `credentials` adds to the gateway's URL and key (e.g. a short timeout).
 */
export async function attachSmsGateway(
  f: EngineFixture,
  credentials: Record<string, unknown> = {},
): Promise<TestSmsGateway> {
  const gateway = await startTestSmsGateway();
  await insertConnector(f, {
    id: 'sms-main',
    kind: 'http-sms-gateway',
    channel: 'sms',
    credentials: { baseUrl: gateway.url, apiKey: gateway.apiKey, ...credentials },
  });
  return gateway;
}

export function insertCustomers(f: EngineFixture, customers: CustomerInput[]): Promise<unknown> {
  return upsertCustomers(f.testDb.db, f.cipher, customers);
}
