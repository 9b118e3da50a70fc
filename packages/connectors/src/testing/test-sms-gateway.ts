import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gatewayMaxBatch, gatewayPaths, signatureHeader } from '../connectors/http-sms-gateway/protocol.ts';
import { signReceipts } from '../connectors/http-sms-gateway/receipts.ts';
import { phoneNumberSchema } from '../sdk/channel-messages.ts';
import { behave, type GatewayBehaviour, parseJson, postJson, reply } from './gateway-http.ts';

export type { GatewayBehaviour } from './gateway-http.ts';

/** A message the gateway took, once per idempotency key. */
export interface AcceptedSms {
  id: string;
  idempotencyKey: string;
  to: string;
  text: string;
  sender: string | undefined;
  callbackUrl: string | undefined;
  at: Date;
}

export interface TestSmsGateway {
  /** Base URL to configure the `http-sms-gateway` connector with. */
  readonly url: string;
  readonly apiKey: string;
  readonly webhookSecret: string;
  /** Sets what happens to the next `times` send requests (or to all of them when `times` is omitted). */
  behave(behaviour: GatewayBehaviour, times?: number): void;
  /** Numbers the gateway refuses for good (`invalid_recipient`). */
  rejectNumbers(numbers: Iterable<string>): void;
  /** How many send requests (single or inside a batch) carried this idempotency key. */
  requestsFor(idempotencyKey: string): number;
  /** Keys that were sent more than once: a correct client retries only what was not taken. */
  keysRequestedMoreThanOnce(): string[];
  /** Messages taken, one per idempotency key, in arrival order. */
  accepted(): AcceptedSms[];
  readonly acceptedCount: number;
  /** Totals of HTTP requests by kind. */
  stats(): { httpRequests: number; singleSends: number; batchSends: number; lookups: number };
  /** Resolves once at least `count` messages were taken. */
  waitForAccepted(count: number, timeoutMs?: number): Promise<void>;
  /** Posts signed receipts for every taken message not yet reported; returns how many were posted. */
  flushReceipts(status?: 'delivered' | 'failed'): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real HTTP SMS gateway on a local port, speaking the `http-sms-gateway` protocol, for tests and
 * benchmarks. It keeps its own count of what it received per idempotency key, so a test can check
 * "every customer got exactly one SMS" against the provider's side, not the engine's.
 */
export async function startTestSmsGateway(
  options: {
    apiKey?: string;
    webhookSecret?: string;
    port?: number;
    /** Told about every message taken, once per idempotency key (the demo sandbox keeps them). */
    onMessage?: (sms: AcceptedSms) => void;
  } = {},
): Promise<TestSmsGateway> {
  const apiKey = options.apiKey ?? 'test-gateway-key';
  const webhookSecret = options.webhookSecret ?? 'test-gateway-webhook-secret';
  const requests = new Map<string, number>();
  const byKey = new Map<string, AcceptedSms>();
  const unreported: AcceptedSms[] = [];
  const rejected = new Set<string>();
  const rules: { behaviour: GatewayBehaviour; remaining: number }[] = [];
  let fallback: GatewayBehaviour = { kind: 'accept' };
  const totals = { httpRequests: 0, singleSends: 0, batchSends: 0, lookups: 0 };
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const sockets = new Set<Socket>();
  let nextId = 1;

  const nextBehaviour = (): GatewayBehaviour => {
    const rule = rules[0];
    if (!rule) return fallback;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.shift();
    return rule.behaviour;
  };

  const take = (
    item: { idempotencyKey: string; to: string; text: string; sender?: string },
    callbackUrl?: string,
  ) => {
    const existing = byKey.get(item.idempotencyKey);
    if (existing) return { message: existing, duplicate: true };
    const message: AcceptedSms = {
      id: `gw-${nextId++}`,
      idempotencyKey: item.idempotencyKey,
      to: item.to,
      text: item.text,
      sender: item.sender,
      callbackUrl,
      at: new Date(),
    };
    byKey.set(item.idempotencyKey, message);
    if (callbackUrl) unreported.push(message);
    options.onMessage?.(message);
    events.emit('accepted', byKey.size);
    return { message, duplicate: false };
  };

  const refusal = (to: string) => {
    if (!phoneNumberSchema.safeParse(to).success) return 'invalid_recipient';
    if (rejected.has(to)) return 'invalid_recipient';
    return undefined;
  };

  const server = http.createServer((req, res) => {
    totals.httpRequests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://gateway');
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return reply(res, 401, { error: { code: 'unauthorized', message: 'unknown API key' } });
      }
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      if (req.method === 'GET' && url.pathname === gatewayPaths.account) {
        return reply(res, 200, { name: 'Waymark test gateway' });
      }
      if (req.method === 'GET' && url.pathname.startsWith(gatewayPaths.byKey)) {
        totals.lookups += 1;
        const found = byKey.get(decodeURIComponent(url.pathname.slice(gatewayPaths.byKey.length)));
        if (!found) return reply(res, 404, { error: { code: 'not_found', message: 'no such message' } });
        return reply(res, 200, { id: found.id, status: 'accepted' });
      }
      if (req.method === 'POST' && url.pathname === gatewayPaths.send) {
        totals.singleSends += 1;
        const key = String(req.headers['idempotency-key'] ?? '');
        const item = body as
          | { to?: string; text?: string; sender?: string; callbackUrl?: string }
          | undefined;
        if (!key || !item?.to || !item.text) {
          return reply(res, 400, {
            error: { code: 'bad_request', message: 'to, text and Idempotency-Key are required' },
          });
        }
        requests.set(key, (requests.get(key) ?? 0) + 1);
        return behave(res, nextBehaviour(), () => {
          const code = refusal(item.to ?? '');
          if (code)
            return { status: 400, body: { error: { code, message: `cannot deliver to ${item.to}` } } };
          const taken = take(
            { idempotencyKey: key, to: item.to ?? '', text: item.text ?? '', sender: item.sender },
            item.callbackUrl,
          );
          return {
            status: 202,
            body: {
              id: taken.message.id,
              status: 'accepted',
              ...(taken.duplicate ? { duplicate: true } : {}),
            },
          };
        });
      }
      if (req.method === 'POST' && url.pathname === gatewayPaths.batch) {
        totals.batchSends += 1;
        const batch = body as
          | {
              messages?: { idempotencyKey: string; to: string; text: string; sender?: string }[];
              callbackUrl?: string;
            }
          | undefined;
        const items = batch?.messages;
        if (!Array.isArray(items) || items.length === 0) {
          return reply(res, 400, {
            error: { code: 'bad_request', message: 'messages must be a non-empty array' },
          });
        }
        if (items.length > gatewayMaxBatch) {
          return reply(res, 413, {
            error: { code: 'batch_too_large', message: `at most ${gatewayMaxBatch}` },
          });
        }
        for (const item of items)
          requests.set(item.idempotencyKey, (requests.get(item.idempotencyKey) ?? 0) + 1);
        return behave(res, nextBehaviour(), () => ({
          status: 200,
          body: {
            results: items.map((item) => {
              const code = refusal(item.to);
              if (code) {
                return {
                  idempotencyKey: item.idempotencyKey,
                  status: 'rejected',
                  error: { code, message: `cannot deliver to ${item.to}` },
                };
              }
              const taken = take(item, batch?.callbackUrl);
              return { idempotencyKey: item.idempotencyKey, status: 'accepted', id: taken.message.id };
            }),
          },
        }));
      }
      return reply(res, 404, { error: { code: 'not_found', message: 'no such endpoint' } });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    webhookSecret,
    behave(behaviour, times) {
      if (times === undefined) fallback = behaviour;
      else rules.push({ behaviour, remaining: times });
    },
    rejectNumbers(numbers) {
      for (const n of numbers) rejected.add(n);
    },
    requestsFor: (key) => requests.get(key) ?? 0,
    keysRequestedMoreThanOnce: () => [...requests].filter(([, n]) => n > 1).map(([k]) => k),
    accepted: () => [...byKey.values()],
    get acceptedCount() {
      return byKey.size;
    },
    stats: () => ({ ...totals }),
    waitForAccepted(count, timeoutMs = 60_000) {
      if (byKey.size >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('accepted', onAccepted);
          reject(new Error(`gateway took ${byKey.size} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        const onAccepted = (size: number) => {
          if (size < count) return;
          clearTimeout(timer);
          events.off('accepted', onAccepted);
          resolve();
        };
        events.on('accepted', onAccepted);
      });
    },
    async flushReceipts(status = 'delivered') {
      const pending = unreported.splice(0);
      const byCallback = new Map<string, AcceptedSms[]>();
      for (const m of pending) {
        const key = m.callbackUrl ?? '';
        byCallback.set(key, [...(byCallback.get(key) ?? []), m]);
      }
      for (const [callbackUrl, messages] of byCallback) {
        const rawBody = JSON.stringify({
          receipts: messages.map((m) => ({
            id: m.id,
            idempotencyKey: m.idempotencyKey,
            status,
            ...(status === 'failed' ? { code: 'handset_unreachable' } : {}),
            at: new Date().toISOString(),
          })),
        });
        await postJson(new URL(callbackUrl), rawBody, {
          [signatureHeader]: signReceipts(rawBody, webhookSecret),
        });
      }
      return pending.length;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
