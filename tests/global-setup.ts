import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds dist/ once per test run, before any test file starts, as `npm run build` does:
 * tsc compiles src/, then scripts/bundle.js bundles the command line that bin/briefdeck.js
 * runs. The tests that run bin/briefdeck.js as a child process (as a user would) need it
 * current, and building here means no two workers ever write dist/ at once.
 */
export default function buildOnce(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/bundle.js')], { cwd: root, stdio: 'inherit' });
}
