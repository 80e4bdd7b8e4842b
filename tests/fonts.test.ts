import { describe, expect, it } from 'vitest';
import { fontAssets } from '../src/write/fonts.js';

const names = async (text: string) => [...(await fontAssets(text, 'fonts/')).files.keys()];

describe('fontAssets', () => {
  it('ships only the Latin subset of Source Sans 3 for English text', async () => {
    const files = await names('The U.S.-Japan Alliance in 2024: “quotes” — and dashes.');
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith('source-sans-3-latin-'))).toBe(true);
    expect(files.some((f) => f.startsWith('noto-sans-jp'))).toBe(false);
  });

  it('pulls Noto Sans JP subsets for Japanese text, and only those it needs', async () => {
    const files = await names('Alliance 日米同盟');
    const jp = files.filter((f) => f.startsWith('noto-sans-jp-'));
    expect(jp.length).toBeGreaterThan(0);
    expect(jp.some((f) => f.startsWith('noto-sans-jp-latin'))).toBe(false);
    const all = await names('日米同盟の新時代、日本語の行も埋め込みフォントで表示される。' + 'あいうえおかきくけこ');
    expect(all.filter((f) => f.startsWith('noto-sans-jp-')).length).toBeGreaterThanOrEqual(jp.length);
    expect(all.filter((f) => f.startsWith('noto-sans-jp-')).length).toBeLessThan(60);
  });

  it('adds Latin Extended for accented names and writes a matching @font-face', async () => {
    const { css, files } = await fontAssets('Łukasz Dvořák', 'fonts/');
    expect([...files.keys()].some((f) => f.startsWith('source-sans-3-latin-ext-'))).toBe(true);
    for (const name of files.keys()) expect(css).toContain(`url(fonts/${name})`);
  });
});
