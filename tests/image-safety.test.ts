import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';

/**
 * The image layout on hostile paths, end to end: each refusal is exit 1 with file:line,
 * never a crash, and nothing from outside the project reaches the built deck.
 */
let dir: string;
let project: string;
let cleanup: () => Promise<void>;
const png = join(repoRoot, 'tests/fixtures/every-layout/spending.png');

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-image-safety-'));
  project = join(dir, 'project');
  await mkdir(join(project, 'deck'), { recursive: true });
  await copyFile(png, join(project, 'deck/chart.png'));
  await copyFile(png, join(dir, 'outside.png'));
  await writeFile(join(project, 'deck/notes.png'), 'not an image at all');
  await writeFile(join(dir, 'secret.txt'), 'the password');
  await symlink(join(dir, 'outside.png'), join(project, 'deck/link-out.png'));
  await symlink(join(dir, 'secret.txt'), join(project, 'deck/secret.png'));
});
afterAll(() => cleanup());

async function buildImage(href: string) {
  const brief = join(project, 'deck/brief.md');
  await writeFile(brief, `---\ntitle: Images\n---\n\n## A figure {layout=image}\n\n![A chart](${href})\n\nCaption.\n`);
  // Run from inside the project, as an analyst would: the project root is the working directory.
  const cwd = process.cwd();
  process.chdir(project);
  try {
    return await cli('build', 'deck/brief.md', '--out', join(dir, 'out'), '-q');
  } finally {
    process.chdir(cwd);
  }
}

describe('image paths in briefs', () => {
  it('copies an image inside the project', async () => {
    const r = await buildImage('chart.png');
    expect(r.code, r.err).toBe(0);
  });

  it.each([
    ['../../outside.png', /outside the project folder/],
    ['%2e%2e/%2e%2e/outside.png', /outside the project folder/],
    ['/etc/passwd', /outside the project folder/],
    ['link-out.png', /link to a file outside the project/],
    ['secret.png', /link to a file outside the project/],
    ['notes.png', /not an image briefdeck can show/],
    ['missing.png', /not found/],
    ['%E0%A4%A.png', /not a valid path/],
  ])('refuses %s with file:line and exit 1', async (href, message) => {
    const r = await buildImage(href);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(new RegExp(`deck/brief\\.md:7: .*${message.source}`));
    expect(r.err).not.toMatch(/unexpected error|^\s+at /m);
  });
});
