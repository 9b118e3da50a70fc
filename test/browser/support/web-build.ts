import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The repository root, from this file's place in it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const webRoot = join(repoRoot, 'web');
export const artifactsDir = join(repoRoot, 'test-artifacts');
const distDir = join(artifactsDir, 'web-dist');
const lockDir = join(artifactsDir, 'web-dist.lock');
const markerFile = join(distDir, '.built-from');

/** Newest modification time under the sources the web bundle is built from. */
async function newestSourceTime(): Promise<number> {
  const roots = [
    join(webRoot, 'src'),
    join(webRoot, 'index.html'),
    ...['journey', 'conditions', 'templates'].map((p) => join(repoRoot, 'packages', p, 'src')),
  ];
  let newest = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const entry of await readdir(path)) if (entry !== 'node_modules') await visit(join(path, entry));
  };
  for (const root of roots) await visit(root);
  return newest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the web app once (vite build, production mode) into test-artifacts/web-dist and returns
 * the folder. Test files run in parallel workers, so a lock folder makes one of them build while
 * the others wait; a build newer than every source file is reused.
 */
export async function ensureWebBuild(): Promise<string> {
  // A build made elsewhere (CI's build step, a person's `vite build`) can be named instead.
  if (process.env.WAYMARK_WEB_DIST) return process.env.WAYMARK_WEB_DIST;
  await mkdir(artifactsDir, { recursive: true });
  const wanted = String(await newestSourceTime());
  for (let waited = 0; waited < 300_000; waited += 500) {
    const built = await readFile(markerFile, 'utf8').catch(() => '');
    if (built === wanted) return distDir;
    try {
      await mkdir(lockDir);
    } catch {
      // Someone else is building (or died building: a lock older than 5 minutes is broken).
      const lock = await stat(lockDir).catch(() => undefined);
      if (lock && Date.now() - lock.mtimeMs > 300_000) await rm(lockDir, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      await build({
        root: webRoot,
        logLevel: 'warn',
        build: { outDir: distDir, emptyOutDir: true, sourcemap: false },
      });
      await writeFile(markerFile, wanted);
      return distDir;
    } finally {
      await rm(lockDir, { recursive: true, force: true });
    }
  }
  throw new Error('Timed out waiting for another test to build the web app');
}
