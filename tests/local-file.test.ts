import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { imageType, isInside, resolveLocalImage } from '../src/load/local-file.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

let dir: string;
let root: string;
let brief: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-local-file-'));
  root = join(dir, 'project');
  await mkdir(join(root, 'briefs/deck/figures'), { recursive: true });
  brief = join(root, 'briefs/deck/brief.md');
  await writeFile(brief, '---\ntitle: T\n---\n');
  await writeFile(join(root, 'briefs/deck/figures/map.png'), png);
  await writeFile(join(root, 'briefs/deck/figures/photo.png'), jpeg); // a JPEG named .png
  await writeFile(join(root, 'briefs/deck/figures/chart.svg'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  await writeFile(join(root, 'briefs/deck/figures/notes.png'), 'just some text');
  await writeFile(join(root, 'briefs/deck/figures/fake.svg'), '<html><script>alert(1)</script></html>');
  await writeFile(join(root, 'shared.png'), png);
  await writeFile(join(dir, 'outside.png'), png);
  await writeFile(join(dir, 'secret.txt'), 'password');
  await symlink(join(dir, 'outside.png'), join(root, 'briefs/deck/figures/link-out.png'));
  await symlink(join(root, 'shared.png'), join(root, 'briefs/deck/figures/link-in.png'));
  await symlink(dir, join(root, 'briefs/deck/escape'));
});
afterAll(() => cleanup());

describe('local images', () => {
  it('resolves relative to the brief, anywhere inside the project', async () => {
    expect(await resolveLocalImage('figures/map.png', brief, root)).toMatchObject({ mediaType: 'image/png', ext: '.png' });
    expect(await resolveLocalImage('../../shared.png', brief, root)).toMatchObject({ path: join(root, 'shared.png') });
    expect(await resolveLocalImage('figures/map.png?v=2#x', brief, root)).toMatchObject({ mediaType: 'image/png' });
    expect(await resolveLocalImage('figures/link-in.png', brief, root)).toMatchObject({ path: join(root, 'shared.png') });
  });

  it('judges the type by the bytes, not the name', async () => {
    expect(await resolveLocalImage('figures/photo.png', brief, root)).toMatchObject({ mediaType: 'image/jpeg', ext: '.jpg' });
    expect(await resolveLocalImage('figures/chart.svg', brief, root)).toMatchObject({ mediaType: 'image/svg+xml' });
    expect(await resolveLocalImage('figures/notes.png', brief, root)).toMatch(/not an image briefdeck can show/);
    expect(await resolveLocalImage('figures/fake.svg', brief, root)).toMatch(/not an image/);
  });

  it.each([
    ['../../../outside.png', /outside the project folder/],
    ['%2e%2e/%2e%2e/%2e%2e/outside.png', /outside the project folder/],
    [`${'../'.repeat(20)}etc/passwd`, /outside the project folder/],
    ['/etc/passwd', /outside the project folder/],
    ['figures/link-out.png', /link to a file outside the project/],
    ['escape/outside.png', /link to a file outside the project/],
    ['escape/secret.txt', /link to a file outside the project/],
    ['file:///etc/passwd', /not a file path/],
    ['javascript:alert(1)', /not a file path/],
    ['https://example.com/a.png', /remote image/],
    ['//example.com/a.png', /remote image/],
    ['figures/missing.png', /not found/],
    ['figures', /not a file/],
    ['%E0%A4%A', /not a valid path/],
    ['figures/map.png%00.txt', /not a valid path/],
  ])('refuses %s', async (href, message) => {
    expect(await resolveLocalImage(href, brief, root)).toMatch(message);
  });

  it('isInside is lexical and exact about prefixes', () => {
    expect(isInside('/p/root', '/p/root/a.png')).toBe(true);
    expect(isInside('/p/root', '/p/root')).toBe(true);
    expect(isInside('/p/root', '/p/root-other/a.png')).toBe(false);
    expect(isInside('/p/root', '/p/root/../x.png')).toBe(false);
  });

  it('imageType knows the common formats', () => {
    expect(imageType(Buffer.from('GIF89a....'), '.gif')?.mediaType).toBe('image/gif');
    expect(imageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), '.webp')?.mediaType).toBe('image/webp');
    expect(imageType(Buffer.from('<svg></svg>'), '.png')).toBeUndefined();
    expect(imageType(Buffer.from('%PDF-1.7'), '.png')).toBeUndefined();
  });
});
