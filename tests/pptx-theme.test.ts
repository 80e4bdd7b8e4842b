import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { houseTheme, themeFromCss } from '../src/render/pptx/theme.js';
import { oneParagraphProperties } from '../src/render/pptx/package.js';
import { repoRoot } from './helpers.js';

describe('the PowerPoint theme read from a theme CSS', () => {
  it('reads the house theme as the house values', () => {
    expect(themeFromCss(readFileSync(join(repoRoot, 'templates/themes/house.css'), 'utf8'))).toEqual(houseTheme);
  });

  it('takes what a theme sets and keeps the house value for what it leaves out', () => {
    const theme = themeFromCss(`:root { --bd-navy: #0b4f4a; --bd-accent: #a50; --bd-font: "Inter", 'Noto Sans KR', sans-serif; }`);
    expect(theme).toEqual({ ...houseTheme, navy: '0B4F4A', accent: 'AA5500', font: 'Inter' });
    expect(themeFromCss(`:root { --bd-font: 'Fira Sans', 'Noto Sans JP', sans-serif; }`).eastAsianFont).toBe('Noto Sans JP');
    expect(themeFromCss(`:root { --bd-font: sans-serif; --bd-ink: red; }`)).toEqual(houseTheme);
  });
});

describe('the package as PowerPoint opens it', () => {
  it('keeps one paragraph-properties element per paragraph, the first', () => {
    const xml = '<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>A</a:t></a:r><a:pPr indent="0" marL="0"><a:buNone/></a:pPr><a:r><a:t>B</a:t></a:r></a:p><a:p><a:r><a:t>C</a:t></a:r><a:pPr/></a:p>';
    expect(oneParagraphProperties(xml)).toBe('<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>A</a:t></a:r><a:r><a:t>B</a:t></a:r></a:p><a:p><a:r><a:t>C</a:t></a:r></a:p>');
  });
});
