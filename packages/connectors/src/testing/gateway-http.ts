import http from 'node:http';

/** What the gateway does with the next send requests. */
export type GatewayBehaviour =
  /** Take the messages and answer, optionally after a delay. */
  | { kind: 'accept'; delayMs?: number }
  /** Answer an HTTP error without taking anything (503/429: try later; 400: refused). */
  | { kind: 'fail'; status: number; code?: string; retryAfterSeconds?: number }
  /** Answer 200 with a body nobody can read; `accept` says whether the messages were taken. */
  | { kind: 'garbage'; accept: boolean }
  /** Take the messages, then never answer (the client times out). */
  | { kind: 'accept-then-hang' };

export type Answer = { status: number; body: unknown };

/** Applies a behaviour around the work of taking messages (`work` runs only when they are taken). */
export function behave(res: http.ServerResponse, behaviour: GatewayBehaviour, work: () => Answer): void {
  switch (behaviour.kind) {
    case 'accept': {
      const answer = work();
      if (behaviour.delayMs) setTimeout(() => reply(res, answer.status, answer.body), behaviour.delayMs);
      else reply(res, answer.status, answer.body);
      return;
    }
    case 'fail': {
      if (behaviour.retryAfterSeconds !== undefined)
        res.setHeader('retry-after', String(behaviour.retryAfterSeconds));
      reply(res, behaviour.status, {
        error: { code: behaviour.code ?? 'unavailable', message: `simulated HTTP ${behaviour.status}` },
      });
      return;
    }
    case 'garbage': {
      if (behaviour.accept) work();
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Service temporarily </bo');
      return;
    }
    case 'accept-then-hang':
      work();
      return;
  }
}

export function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function postJson(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
