// Before the browser suite: the client must be built (build it once when client/dist is missing), and the screenshot folder starts empty.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): void {
  if (!fs.existsSync(`${ROOT}/client/dist/index.html`)) {
    console.log('[e2e] client/dist is missing: running npm run build');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  // A fresh folder each run, so that no screenshot or axe report is left over from an earlier one.
  fs.rmSync(`${ROOT}/tests/e2e/screenshots`, { recursive: true, force: true });
  fs.mkdirSync(`${ROOT}/tests/e2e/screenshots`, { recursive: true });
}
