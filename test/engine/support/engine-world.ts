import { randomBytes, randomUUID } from 'node:crypto';
import { startTestSmsGateway, type TestSmsGateway } from '@waymark/connectors/testing';
import { createDb, type Db, upsertCustomers } from '@waymark/db';
import { createPiiCipher, type PiiCipher } from '@waymark/db/crypto';
import { readBankCustomers } from '@waymark/db/demo';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import type { JourneyGraph } from '@waymark/journey';
import { createTestPrefix, dropPrefix, testRedisUrl } from '@waymark/queues/testing';
import {
  createEngineResources,
  createLogger,
  createManualClock,
  type EngineResources,
  type EngineSettings,
  type ManualClock,
} from '@waymark/workers';
import { Redis } from 'ioredis';

/**
 * Everything an engine test runs against, all real: its own Postgres database, its own BullMQ
 * prefix, a local SMS gateway, a manual clock, and the encryption key (so worker child processes
 * can read the same PII and credentials).
 */
export interface EngineWorld {
  testDb: TestDb;
  /** A pool as large as a workers process uses (the test database's own pool is small). */
  db: Db;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  encryptionKey: Buffer;
  cipher: PiiCipher;
  clock: ManualClock;
  gateway: TestSmsGateway;
  r: EngineResources;
  close(): Promise<void>;
}

export async function createEngineWorld(options: {
  label: string;
  redisUrl?: string;
  settings?: Partial<EngineSettings>;
}): Promise<EngineWorld> {
  const testDb = await createTestDb();
  const db = await createDb({ url: testDb.url, poolSize: 20 });
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = createTestPrefix(options.label);
  const encryptionKey = randomBytes(32);
  const cipher = createPiiCipher(encryptionKey);
  const clock = createManualClock(new Date('2026-11-23T02:00:00Z'));
  const gateway = await startTestSmsGateway();
  await testDb.db.query(
    `INSERT INTO connectors (id, kind, channel, name, credentials_enc) VALUES ('sms-main', 'http-sms-gateway', 'sms', 'SMS', $1)`,
    [cipher.encrypt(JSON.stringify({ baseUrl: gateway.url, apiKey: gateway.apiKey, timeoutMs: 2000 }))],
  );
  const r = createEngineResources({
    db,
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
    db,
    redis,
    redisUrl,
    prefix,
    encryptionKey,
    cipher,
    clock,
    gateway,
    r,
    async close() {
      await r.producers.close();
      await dropPrefix(redis, prefix).catch(() => 0);
      redis.disconnect();
      await gateway.close();
      await db.close();
      await testDb.drop();
    },
  };
}

/** Seeds the first `count` bank customers (real attributes, deterministic fake name and phone). */
export async function seedBankCustomers(world: EngineWorld, count: number): Promise<string[]> {
  const batch: Parameters<typeof upsertCustomers>[2][number][] = [];
  const ids: string[] = [];
  for await (const customer of readBankCustomers()) {
    batch.push({
      id: customer.id,
      attributes: { ...customer.attributes },
      name: customer.name,
      phone: customer.phone,
    });
    ids.push(customer.id);
    if (batch.length === 5000) await upsertCustomers(world.testDb.db, world.cipher, batch.splice(0));
    if (ids.length === count) break;
  }
  if (batch.length > 0) await upsertCustomers(world.testDb.db, world.cipher, batch);
  return ids;
}

/** Stores a journey with its published version 1, live (or in the given status). */
export async function publishJourney(
  world: EngineWorld,
  graph: JourneyGraph,
  status = 'live',
): Promise<string> {
  const id = randomUUID();
  await world.testDb.db.query(
    `INSERT INTO journeys (id, name, status, draft, live_version) VALUES ($1, 'Engine test', $2, $3, 1)`,
    [id, status, JSON.stringify(graph)],
  );
  await world.testDb.db.query(
    'INSERT INTO journey_versions (journey_id, version, graph) VALUES ($1, 1, $2)',
    [id, JSON.stringify(graph)],
  );
  return id;
}

type NodeSpec = { id: string; type: string; config: unknown };

/** One `name` event for each of the first `count` bank customers (C000001…), with ids `<idPrefix>-<n>`. */
export function eventsForFirstCustomers(name: string, count: number, idPrefix: string, occurredAt: Date) {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${idPrefix}-${i + 1}`,
    customerId: `C${String(i + 1).padStart(6, '0')}`,
    name,
    occurredAt,
  }));
}

/** A send node through the world's SMS gateway (`sms-main`) with an inline script. */
export function smsNode(id: string, body: string): NodeSpec {
  return {
    id,
    type: 'send',
    config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body } },
  };
}

/** The shortest journey that sends: `trigger` → SMS `sms` → exit `done` (reason `exitReason`). */
export function smsThenExit(trigger: NodeSpec, body: string, exitReason = 'messaged'): JourneyGraph {
  return graph(
    [trigger, smsNode('sms', body), { id: 'done', type: 'exit', config: { reason: exitReason } }],
    [
      [trigger.id, 'out', 'sms'],
      ['sms', 'sent', 'done'],
    ],
  );
}

/** A graph from nodes and `[source, port, target]` edges. */
export function graph(
  nodes: NodeSpec[],
  edges: [string, string, string][],
  settings: JourneyGraph['settings'] = {},
): JourneyGraph {
  return {
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 220, y: 0 } })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
    settings,
  };
}
