#!/usr/bin/env node
// The front door behind `npm start` and `npm test`: works on a fresh clone with nothing but
// Node installed. It installs the pinned pnpm's dependencies when they are missing or stale,
// builds the web app when its bundle is missing, then hands over to the real command.
// Plain JavaScript on purpose: it runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const command = process.argv[2] ?? 'start';
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpm(args) {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return run('pnpm', args);
  // No matching pnpm on PATH: use the pinned one through npx rather than touching global installs.
  return run('npx', ['--yes', `pnpm@${pnpmVersion}`, ...args]);
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

const installMarker = join(root, 'node_modules', '.modules.yaml');
if (mtime(installMarker) < mtime(join(root, 'pnpm-lock.yaml'))) {
  console.log('Installing dependencies (first run)…');
  if (pnpm(['install', '--frozen-lockfile']) !== 0) process.exit(1);
}

const webBundle = join(root, 'web', 'dist', 'index.html');
// Tests always rebuild, so browser tests never run against a stale bundle.
if (existsSync(join(root, 'web', 'package.json')) && (command === 'test' || !existsSync(webBundle))) {
  console.log('Building the web app…');
  if (pnpm(['--filter', '@waymark/web', 'build']) !== 0) process.exit(1);
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
switch (command) {
  case 'start':
    process.exit(run(tsx, [join(root, 'server', 'src', 'cli', 'start.ts'), ...process.argv.slice(3)]));
    break;
  case 'test':
    process.exit(run(join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(3)]));
    break;
  default:
    console.error(`Unknown command "${command}". Use: start | test`);
    process.exit(2);
}
