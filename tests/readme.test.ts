import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefFrontMatterSchema, deckManifestSchema } from '../src/schema.js';
import { slideAttributeKeys } from '../src/slide.js';
import { repoRoot } from './helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The first cells of the README table rows in the section that starts at `heading`. */
function tableKeys(heading: string): string[] {
  const lines = readme.slice(readme.indexOf(heading)).split('\n');
  expect(lines.length, heading).toBeGreaterThan(1);
  let inCode = false;
  const end = lines.findIndex((l, i) => {
    if (l.startsWith('```')) inCode = !inCode;
    return i > 0 && !inCode && l.startsWith('#');
  });
  return lines.slice(0, end).flatMap((l) => /^\| `([^`]+)`/.exec(l)?.[1] ?? []);
}

describe('README', () => {
  it('documents every front-matter and deck.yaml key, and no key the schema lacks', () => {
    const documented = tableKeys('### Front matter keys');
    const schemaKeys = new Set([...Object.keys(briefFrontMatterSchema.shape), ...Object.keys(deckManifestSchema.shape)]);
    expect(new Set(documented)).toEqual(schemaKeys);
  });

  it('documents every heading attribute', () => {
    const documented = tableKeys('### Heading attributes').map((k) => k.replace(/=.*$/, ''));
    for (const key of slideAttributeKeys) expect(documented, key).toContain(key);
  });

  it('gives the quick start as two commands and states the exit codes', () => {
    expect(readme).toContain('scripts/install-system-deps && npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readme).toMatch(/Exit codes: 0 done; 1 bad input .*\n?2 bad usage; 3 environment/);
  });
});
