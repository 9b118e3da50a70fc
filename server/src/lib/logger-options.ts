import type { FastifyServerOptions } from 'fastify';

type LoggerOption = FastifyServerOptions['logger'];

/** The request as Fastify hands it to the `req` log serializer. */
interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
}

/**
 * Fastify's logger option with what operations need and compliance requires: every line carries
 * the request id (Fastify's `reqId`), URLs are logged without their query string (searches hold
 * phone numbers and customer ids), and credentials never reach the log.
 */
export function loggerOptions(logger: LoggerOption | undefined): LoggerOption {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      ...base.serializers,
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: req.url.split('?')[0],
        host: req.hostname,
        remoteAddress: req.ip,
      }),
    },
  };
}
