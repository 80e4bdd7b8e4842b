import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

/**
 * Node's crypto module, loaded the first time something hashes: loading it takes 5 ms, which
 * a build with no local image need not pay (issue 19).
 */
export function crypto(): typeof import('node:crypto') {
  return nodeRequire('node:crypto') as typeof import('node:crypto');
}
