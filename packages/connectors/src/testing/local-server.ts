import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request with its whole body read, as the local providers handle it. */
export interface ReadRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (a free port unless one is given) and hands each request, body read, to
 * `handle`. Closing drops kept-alive connections so a test never waits for them to time out.
 */
export async function startLocalServer(
  handle: (request: ReadRequest, res: http.ServerResponse) => void,
  port = 0,
): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      handle(
        {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://provider'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        res,
      ),
    );
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
