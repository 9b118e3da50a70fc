import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface HttpRequestOptions {
  url: URL;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Whole-exchange deadline: connect, send, and read the answer. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Replaces DNS resolution (the outbound webhook uses it to refuse private addresses). */
  lookup?: LookupFunction;
  /** Answers larger than this are cut off and reported as lost. */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The request never fully left this process (refused, DNS failure, aborted early): nothing was sent. */
export class RequestNotSentError extends Error {
  readonly code: string;
  constructor(code: string, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'RequestNotSentError';
    this.code = code;
  }
}

/** The request was written but no complete answer came back: the other side may have acted on it. */
export class AnswerLostError extends Error {
  readonly code: string;
  constructor(code: string, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'AnswerLostError';
    this.code = code;
  }
}

const defaultMaxResponseBytes = 1024 * 1024;

/**
 * One HTTP exchange that reports *where* it failed. Connectors need that distinction: a request
 * that never left can be retried, while one that left without an answer must be reconciled.
 * Built on node:http rather than fetch because fetch cannot tell the two apart and cannot take a
 * custom DNS lookup.
 */
export function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const { url, method, body, timeoutMs, signal } = options;
  const limit = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const transport = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

  return new Promise<HttpResponse>((resolve, reject) => {
    let written = false;
    let settled = false;
    const fail = (code: string, message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      request.destroy();
      reject(
        written ? new AnswerLostError(code, message, cause) : new RequestNotSentError(code, message, cause),
      );
    };

    const request = transport.request(
      url,
      { method, headers, ...(options.lookup ? { lookup: options.lookup } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            fail('answer-too-large', `The answer exceeded ${limit} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => fail('answer-interrupted', 'The answer was cut off', error));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );

    const timer = setTimeout(() => fail('timeout', `No answer within ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => fail('aborted', 'The send was cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };

    request.on('finish', () => {
      written = true;
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code?.toLowerCase() ?? 'network-error', error.message, error),
    );
    if (signal?.aborted) {
      onAbort();
      return;
    }
    request.end(body);
  });
}

/** Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
