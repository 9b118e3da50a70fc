import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the demo key inside the data directory. */
export const encryptionKeyFileName = 'encryption.key';

export type KeySource = 'env' | 'file' | 'generated';

/**
 * Reads the demo encryption key from `<dataDir>/encryption.key`, creating it (32 random bytes,
 * base64, mode 0600) on first use. Returns an error sentence instead of throwing so the caller can
 * report it beside every other bad variable.
 */
export function loadOrCreateKeyFile(
  dataDir: string,
): { key: Buffer; source: KeySource; path: string } | { error: string } {
  const path = join(dataDir, encryptionKeyFileName);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { error: `cannot read the demo key file ${path}: ${(err as Error).message}` };
    }
  }
  if (text !== undefined) {
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) {
      return {
        error: `the demo key file ${path} does not hold 32 base64-encoded bytes; delete it to generate a new one`,
      };
    }
    // A key file readable by others defeats the encryption; tighten it rather than refuse to start.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key, source: 'file', path };
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    // 'wx' fails if another process created the file meanwhile: then use theirs.
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'generated', path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(dataDir);
    return { error: `cannot create the demo key file ${path}: ${(err as Error).message}` };
  }
}
