import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError } from '../../errors/app-error.ts';

/** An uploaded body saved to a private temporary file. */
export interface SpooledUpload {
  path: string;
  bytes: number;
  /** Deletes the file and its directory. */
  discard(): Promise<void>;
}

/**
 * Streams an upload to a temporary file, counting bytes as they arrive and stopping at `maxBytes`
 * (413 `request.too-large`; nothing is kept). Memory stays flat whatever the file size, and the
 * request is answered only once the whole file is safely on disk, so no client sees a 202 for an
 * upload it has not finished sending.
 */
export async function spoolUpload(body: Readable, maxBytes: number): Promise<SpooledUpload> {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-upload-'));
  const path = join(dir, 'upload');
  const discard = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(
          appError(
            'request.too-large',
            `A CSV import may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`,
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { path, bytes, discard };
}
