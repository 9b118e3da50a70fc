import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError } from '../../errors/app-error.ts';

const DRAIN_ALLOWANCE_BYTES = 64 * 1024 * 1024;

/** An uploaded body saved to a private temporary file. */
export interface SpooledUpload {
  path: string;
  bytes: number;
  /** Deletes the file and its directory. */
  discard(): Promise<void>;
}

/**
 * Streams an upload to a temporary file, counting bytes as they arrive; past `maxBytes` nothing
 * more is written and the answer is 413 `request.too-large` (nothing is kept). Memory stays flat
 * whatever the file size, and the request is answered only once the whole file is safely on disk,
 * so no client sees a 202 for an upload it has not finished sending.
 */
export async function spoolUpload(
  body: Readable,
  maxBytes: number,
  declaredLength?: number,
): Promise<SpooledUpload> {
  const tooLarge = () =>
    appError('request.too-large', `A CSV import may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`);
  const cutOff = maxBytes + DRAIN_ALLOWANCE_BYTES;
  // A body announced as far too large is refused before a byte of it is read.
  if (declaredLength !== undefined && declaredLength > cutOff) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), 'waymark-upload-'));
  const path = join(dir, 'upload');
  const discard = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      // Past the limit the rest is read and dropped, so the client can finish sending and read
      // the 413; only a body far beyond the limit is cut off mid-way.
      if (bytes > cutOff) callback(tooLarge());
      else callback(null, bytes > maxBytes ? undefined : chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  if (bytes > maxBytes) {
    await discard();
    throw tooLarge();
  }
  return { path, bytes, discard };
}
