import { describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, repoRoot, tempDir } from './helpers.js';
import { contrastProblems } from '../src/load/branding.js';
import { houseSettingsSchema } from '../src/load/schema.js';

const sample = join(repoRoot, 'briefs/sample-brief.md');
const logo = join(repoRoot, 'tests/fixtures/house-brand/logo.png');

/** A house folder in a temporary place: `files` maps a path in it to its text. */
async function houseWith(files: Record<string, string>): Promise<{ dir: string; house: string; cleanup: () => Promise<void> }> {
  const t = await tempDir();
  const house = join(t.dir, 'house');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(house, path, '..'), { recursive: true });
    await writeFile(join(house, path), text);
  }
  return { dir: t.dir, house, cleanup: t.cleanup };
}

describe('a house style with problems', () => {
  it('lists every problem as file:line, builds nothing and exits 1', async () => {
    const t = await houseWith({
      'house.yaml': [
        'organisation: Test Office',
        'logo: ../outside.png',
        'colors: { primary: "#0b3d2e", accent: "#ff9999", text: "#1a1a1a" }',
        'fonts: { body: fonts/Body.ttf, heading: fonts/Missing.otf }',
        'theme: brand',
        'baseTheme: housse',
      ].join('\n') + '\n',
      'fonts/Body.ttf': 'not a font at all',
      'themes/brand.css': ':root { --bd-navy: #0b3d2e; }\n\n.bd-title { font-family: x; src: url(fonts/nowhere.woff2); }\n@import "more.css";\n',
      'partials/slide-footer.hbs': '<footer class="bd-footer">\n  <img src="seal.png" alt="">\n  <a href="#/sources">Sources</a> <a href="https://example.org/">site</a>\n</footer>\n',
    });
    try {
      await copyFile(logo, join(t.dir, 'outside.png'));
      const out = join(t.dir, 'out');
      const r = await cli('build', sample, '--templates', t.house, '--out', out);
      expect(r.code).toBe(1);
      const lines = r.err.trim().split('\n');
      const at = (file: string, line: number) => lines.find((l) => l.includes(`${file}:${line}: `)) ?? `(nothing at ${file}:${line})`;
      expect(at('house.yaml', 2)).toContain('logo "../outside.png" is outside the house style folder');
      expect(at('house.yaml', 3)).toMatch(/colors\.accent: #ff9999 on the slide background \(#ffffff\) has contrast 2\.\d+:1; text needs 4\.5:1/);
      expect(at('house.yaml', 4)).toContain('font "fonts/Body.ttf" is not a font file');
      expect(lines.some((l) => /house\.yaml:4: font "fonts\/Missing\.otf" not found/.test(l))).toBe(true);
      expect(at('house.yaml', 6)).toContain('baseTheme: unknown built-in theme "housse" (known: house, none)');
      expect(at('themes/brand.css', 3)).toContain('file "fonts/nowhere.woff2" not found');
      expect(at('themes/brand.css', 4)).toContain('@import is not supported in a house theme');
      expect(at('partials/slide-footer.hbs', 2)).toContain('file "seal.png" not found');
      // In-page anchors and web links are not files of the house style.
      expect(r.err).not.toContain('#/sources');
      expect(r.err).not.toContain('example.org');
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(out)).toBe(false);
    } finally {
      await t.cleanup();
    }
  });

  it('refuses a logo that links out of the house folder, and one that is not an image', async () => {
    const t = await houseWith({ 'house.yaml': 'logo: logo.png\n', 'notes.png': 'plain text' });
    try {
      await copyFile(logo, join(t.dir, 'outside.png'));
      await symlink(join(t.dir, 'outside.png'), join(t.house, 'logo.png'));
      let r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/house\.yaml:1: logo "logo\.png" is a link to a file outside the house style folder/);
      await writeFile(join(t.house, 'house.yaml'), 'logo: notes.png\n');
      r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/house\.yaml:1: logo: .*is not an image briefdeck can show/);
    } finally {
      await t.cleanup();
    }
  });

  it('says how to write a colour', async () => {
    const t = await houseWith({ 'house.yaml': 'colors:\n  primary: dark green\n' });
    try {
      const r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/house\.yaml:2: .*colors\.primary.*a colour is written as #rrggbb/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('contrast of house colours', () => {
  it('names the pair that fails, against the paper, the tinted panels and the text drawn on the primary colour', () => {
    const base = ':root { --bd-paper: #ffffff; --bd-tint: #f2f5f9; }';
    expect(contrastProblems({ primary: '#0b3d2e', accent: '#b5121b', text: '#1a1a1a' }, base)).toEqual([]);
    const found = contrastProblems({ primary: '#5b8def' }, base).map((p) => p.message);
    expect(found).toEqual([
      expect.stringMatching(/^colors\.primary: #5b8def on the slide background \(#ffffff\) has contrast 3\.\d\d:1/),
      expect.stringMatching(/^colors\.primary: #5b8def on the tinted panels \(#f2f5f9\)/),
      expect.stringMatching(/^colors\.primary: white titles on section dividers \(#ffffff\) on #5b8def/),
      expect.stringMatching(/^colors\.primary: the light text of section dividers \(#e6ebf2\) on #5b8def/),
    ]);
    // Against a dark paper, dark text fails and light text passes.
    expect(contrastProblems({ text: '#eeeeee' }, ':root { --bd-paper: #111111; --bd-tint: #222222; }')).toEqual([]);
    expect(contrastProblems({ text: '#333333' }, ':root { --bd-paper: #111111; --bd-tint: #222222; }')).toHaveLength(2);
  });
});

describe('a body font', () => {
  it('is subset and set as the text font, declared at normal weight so bold is drawn from it', async () => {
    const t = await houseWith({ 'house.yaml': 'fonts: { body: Body.ttf }\n' });
    try {
      await copyFile(join(repoRoot, 'tests/fixtures/house-brand/fonts/Heading.ttf'), join(t.house, 'Body.ttf'));
      const r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code, r.err).toBe(0);
      const assets = join(t.dir, 'out/sample-brief/default/assets');
      expect(await readFile(join(assets, 'theme.css'), 'utf8')).toContain("--bd-font: 'House Body', 'Source Sans 3', 'Noto Sans JP', sans-serif;");
      expect(await readFile(join(assets, 'fonts/fonts.css'), 'utf8')).toContain("@font-face{font-family:'House Body';font-style:normal;font-weight:400;");
      expect(existsSync(join(assets, 'fonts/house-body.woff2'))).toBe(true);
      expect(existsSync(join(assets, 'fonts/house-heading.woff2'))).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});

describe('url() in a house theme', () => {
  it('is rewritten to the copy beside the deck; one in a comment is no reference', async () => {
    const t = await houseWith({
      'house.yaml': 'theme: brand\n',
      'themes/brand.css': '/* see url( the docs */\n.layout-title .bd-frame { background: url(\'art/logo.png\') no-repeat; }\n/* url(missing.png) */\n',
    });
    try {
      await mkdir(join(t.house, 'art'));
      await copyFile(logo, join(t.house, 'art/logo.png'));
      const r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code, r.err).toBe(0);
      const css = await readFile(join(t.dir, 'out/sample-brief/default/assets/theme.css'), 'utf8');
      expect(css).toContain('.layout-title .bd-frame { background: url("house/art/logo.png") no-repeat; }');
      expect(css).toContain('/* url(missing.png) */');
      expect(existsSync(join(t.dir, 'out/sample-brief/default/assets/house/art/logo.png'))).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});

describe('baseTheme: none', () => {
  it('starts the house theme from nothing: the built-in rules are not loaded', async () => {
    const t = await houseWith({ 'house.yaml': 'theme: plain\nbaseTheme: none\n', 'themes/plain.css': '.bd-title { color: #222; }\n' });
    try {
      const r = await cli('build', sample, '--templates', t.house, '--out', join(t.dir, 'out'));
      expect(r.code, r.err).toBe(0);
      const css = await readFile(join(t.dir, 'out/sample-brief/default/assets/theme.css'), 'utf8');
      expect(css).toContain('.bd-title { color: #222; }');
      expect(css).not.toContain('.bd-timeline');
      expect(css).not.toContain('--bd-navy');
    } finally {
      await t.cleanup();
    }
  });
});

describe('briefdeck new --house DIR', () => {
  it('writes a house.yaml documenting every key, which builds as it is, and never overwrites', async () => {
    const t = await tempDir();
    const cwd = process.cwd();
    try {
      process.chdir(t.dir);
      const r = await cli('new', '--house', 'my-house');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('created my-house/house.yaml');
      const text = await readFile(join(t.dir, 'my-house/house.yaml'), 'utf8');
      for (const key of Object.keys(houseSettingsSchema.shape)) expect(text, key).toMatch(new RegExp(`^(?:# )?${key}:`, 'm'));
      const build = await cli('build', sample, '--templates', join(t.dir, 'my-house'), '--out', join(t.dir, 'out'));
      expect(build.code, build.err).toBe(0);
      expect(await readFile(join(t.dir, 'out/sample-brief/default/assets/theme.css'), 'utf8')).toContain('--bd-navy: #13294b');
      const again = await cli('new', '--house', 'my-house');
      expect(again.code).toBe(2);
      expect(again.err).toContain('already exists');
    } finally {
      process.chdir(cwd);
      await t.cleanup();
    }
  });
});
