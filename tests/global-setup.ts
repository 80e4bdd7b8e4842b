import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Compiles src/ to dist/ once per test run, before any test file starts: the tests that
 * run bin/briefdeck.js as a child process (as a user would) need dist/ current, and
 * compiling here means no two workers ever write dist/ at once.
 */
export default function compileOnce(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
