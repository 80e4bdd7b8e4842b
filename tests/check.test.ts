import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, repoRoot } from './helpers.js';

const fixture = join(repoRoot, 'tests/fixtures/overflow/overflow.md');

describe('briefdeck check', () => {
  it('flags the overflowing slides at their lines, not the ones that fit, and reports JSON', async () => {
    const r = await cli('check', fixture, '--json');
    expect(r.code).toBe(0); // overflow is a warning unless --strict
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: true, errors: 0, decks: [{ deck: 'overflow', audiences: ['default'] }] });
    const overflow = report.findings.filter((f: { kind: string }) => f.kind === 'overflow');
    expect(overflow.map((f: { slide: { title: string } }) => f.slide.title).sort()).toEqual(['Key figures', 'Too wide']);
    const key = overflow.find((f: { slide: { title: string } }) => f.slide.title === 'Key figures');
    expect(key).toMatchObject({ line: 28, severity: 'warning', audiences: ['default'] });
    expect(key.amount).toBeGreaterThan(100);
    expect(key.file).toMatch(/overflow\.md$/);
    const titles = report.findings.map((f: { slide?: { title: string } }) => f.slide?.title);
    expect(titles).not.toContain('Fits comfortably');
    expect(titles).not.toContain('Nearly full'); // 11 lines fill the box but fit
    expect(report.findings.some((f: { kind: string; slide: { title: string } }) => f.kind === 'word-budget' && f.slide.title === 'Key figures')).toBe(true);
  });

  it('prints file:line messages, and --strict fails on warnings', async () => {
    const r = await cli('check', fixture, '--strict');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/overflow\.md:28: warning: slide "Key figures" overflows by \d+ px \(audience default\)/);
  });

  it('reports bad input as errors with exit code 1', async () => {
    const r = await cli('check', fixture, '--audience', 'nobody');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown audience "nobody"/);
  });
});
