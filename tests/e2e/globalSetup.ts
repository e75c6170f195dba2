// Before the browser suite: the client is built for production, and the screenshot folder starts empty.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): void {
  // Always build, so the suite never tests a stale client. vitest sets NODE_ENV=test, which would make Vite
  // bundle React's development build (three times the size, and not what survivors get): build for production.
  console.log('[e2e] building the client');
  execSync('npm run build -w client', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  // A fresh folder each run, so that no screenshot or axe report is left over from an earlier one.
  fs.rmSync(`${ROOT}/tests/e2e/screenshots`, { recursive: true, force: true });
  fs.mkdirSync(`${ROOT}/tests/e2e/screenshots`, { recursive: true });
}
