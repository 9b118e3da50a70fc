import { pushGatewayPaths } from '../connectors/http-push-gateway/protocol.ts';
import { behave, type GatewayBehaviour, parseJson, reply } from './gateway-http.ts';
import { startLocalServer } from './local-server.ts';
import { createCountWaiter } from './wait-for-count.ts';

/** A push the gateway took, once per idempotency key. */
export interface AcceptedPush {
  id: string;
  idempotencyKey: string;
  to: string;
  toType: 'device' | 'customer';
  title: string;
  body: string;
  data: Record<string, string>;
  at: Date;
}

export interface TestPushGateway {
  /** Base URL to configure the `http-push-gateway` connector with. */
  readonly url: string;
  readonly apiToken: string;
  /** Sets what happens to the next `times` send requests (or to all of them when `times` is omitted). */
  behave(behaviour: GatewayBehaviour, times?: number): void;
  /** Device tokens whose app was removed: pushing to them answers `410 unregistered`. */
  unregisterDevices(tokens: Iterable<string>): void;
  /** Customer ids with no registered device: pushing to them answers `404 unknown_customer`. */
  forgetCustomers(customerIds: Iterable<string>): void;
  /** How many send requests carried this idempotency key. */
  requestsFor(idempotencyKey: string): number;
  /** Pushes taken, in arrival order. */
  received(): AcceptedPush[];
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestPushGatewayOptions {
  apiToken?: string;
  port?: number;
  /** Told about every push taken (the demo sandbox keeps them). */
  onMessage?: (push: AcceptedPush) => void;
  /** How many pushes `received()` remembers (all unless given; a long-running sandbox bounds it). */
  remember?: number;
}

/**
 * A real HTTP push gateway on a local port speaking the `http-push-gateway` protocol, for tests
 * and the demo sandbox. Idempotency keys are honoured as a real gateway would: a repeated key
 * answers the first push and sends nothing.
 */
export async function startTestPushGateway(options: TestPushGatewayOptions = {}): Promise<TestPushGateway> {
  const apiToken = options.apiToken ?? 'test-push-gateway-token';
  const remember = options.remember ?? Number.POSITIVE_INFINITY;
  const byKey = new Map<string, { id: string }>();
  const requests = new Map<string, number>();
  const taken: AcceptedPush[] = [];
  const unregistered = new Set<string>();
  const unknownCustomers = new Set<string>();
  const rules: { behaviour: GatewayBehaviour; remaining: number }[] = [];
  let fallback: GatewayBehaviour = { kind: 'accept' };
  let takenCount = 0;
  const waiter = createCountWaiter('the push gateway', () => takenCount);
  let nextId = 1;

  const nextBehaviour = (): GatewayBehaviour => {
    const rule = rules[0];
    if (!rule) return fallback;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.shift();
    return rule.behaviour;
  };

  const server = await startLocalServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${apiToken}`) {
      return reply(res, 401, { error: { code: 'unauthorized', message: 'unknown API token' } });
    }
    if (req.method === 'GET' && req.url.pathname === pushGatewayPaths.app) {
      return reply(res, 200, { name: 'Waymark test push gateway' });
    }
    if (req.method === 'GET' && req.url.pathname.startsWith(pushGatewayPaths.byKey)) {
      const found = byKey.get(decodeURIComponent(req.url.pathname.slice(pushGatewayPaths.byKey.length)));
      if (!found) return reply(res, 404, { error: { code: 'not_found', message: 'no such push' } });
      return reply(res, 200, { id: found.id, status: 'accepted' });
    }
    if (req.method === 'POST' && req.url.pathname === pushGatewayPaths.send) {
      const key = String(req.headers['idempotency-key'] ?? '');
      const push = parseJson(req.body) as
        | Partial<Omit<AcceptedPush, 'id' | 'idempotencyKey' | 'at'>>
        | undefined;
      if (
        !key ||
        !push?.to ||
        !push.body ||
        !push.title ||
        (push.toType !== 'device' && push.toType !== 'customer')
      ) {
        return reply(res, 400, {
          error: { code: 'bad_request', message: 'to, toType, title, body and Idempotency-Key are required' },
        });
      }
      requests.set(key, (requests.get(key) ?? 0) + 1);
      return behave(res, nextBehaviour(), () => {
        if (push.toType === 'device' && unregistered.has(push.to ?? '')) {
          return { status: 410, body: { error: { code: 'unregistered', message: 'device token expired' } } };
        }
        if (push.toType === 'customer' && unknownCustomers.has(push.to ?? '')) {
          return {
            status: 404,
            body: { error: { code: 'unknown_customer', message: 'no device registered' } },
          };
        }
        const existing = byKey.get(key);
        if (existing) return { status: 202, body: { id: existing.id, status: 'accepted', duplicate: true } };
        const accepted: AcceptedPush = {
          id: `push-${nextId++}`,
          idempotencyKey: key,
          to: push.to ?? '',
          toType: push.toType ?? 'device',
          title: push.title ?? '',
          body: push.body ?? '',
          data: push.data ?? {},
          at: new Date(),
        };
        byKey.set(key, { id: accepted.id });
        taken.push(accepted);
        takenCount += 1;
        if (taken.length > remember) taken.shift();
        options.onMessage?.(accepted);
        waiter.bump();
        return { status: 202, body: { id: accepted.id, status: 'accepted' } };
      });
    }
    return reply(res, 404, { error: { code: 'not_found', message: 'no such endpoint' } });
  }, options.port);

  return {
    url: server.url,
    apiToken,
    behave(behaviour, times) {
      if (times === undefined) fallback = behaviour;
      else rules.push({ behaviour, remaining: times });
    },
    unregisterDevices(tokens) {
      for (const t of tokens) unregistered.add(t);
    },
    forgetCustomers(customerIds) {
      for (const id of customerIds) unknownCustomers.add(id);
    },
    requestsFor: (key) => requests.get(key) ?? 0,
    received: () => [...taken],
    waitForReceived: (count, timeoutMs) => waiter.waitFor(count, timeoutMs),
    close: () => server.close(),
  };
}
