import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'demo-login.json';

/**
 * The demo users' password: generated once per data directory and kept beside the embedded
 * database (mode 0600), so every start can print how to log in without a well-known default.
 */
export function demoPassword(dataDir: string): string {
  const path = join(dataDir, FILE);
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { password?: unknown };
    if (typeof saved.password === 'string' && saved.password.length >= 8) return saved.password;
  }
  const password = randomBytes(9).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${JSON.stringify({ password }, null, 2)}\n`, { mode: 0o600 });
  return password;
}
