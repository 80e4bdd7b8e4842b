import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot } from './helpers.js';
import type { CheckReport } from '../src/commands/check-report.js';

// `briefdeck check` as an accessibility reviewer: pictures of text, tables without headers,
// skipped heading levels and tags that speak only in colour, each at its brief line. The
// fixture holds one clean counterpart of each, which must not be reported.
const fixture = join(repoRoot, 'tests/fixtures/accessibility-check');
const kinds = ['image-of-text', 'table-header', 'heading-level', 'colour-only'];

async function check(deck: string): Promise<CheckReport> {
  const r = await cli('check', deck, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as CheckReport;
}

describe('accessibility checks in briefdeck check', () => {
  it('reports each problem at its line, and none of the clean counterparts', async () => {
    const report = await check(fixture);
    const found = report.findings.filter((f) => kinds.includes(f.kind)).map((f) => `${f.kind} ${f.line} ${f.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^colour-only 53 slide "Key judgments": the confidence "moderate" is shown by colour only/),
      expect.stringMatching(/^colour-only 53 .*confidence "high"/),
      expect.stringMatching(/^image-of-text 10 image "chart.png" may be a picture of text \(its alt text says "Screenshot"\)/),
      expect.stringMatching(/^image-of-text 16 image "budget-table.png" .*\(its file name says "table"\)/),
      expect.stringMatching(/^image-of-text 22 image "map.png" .*\(the slide has no words of text besides it\)/),
      expect.stringMatching(/^table-header 32 table has an empty header row/),
      expect.stringMatching(/^table-header 38 HTML table has no header cells/),
      expect.stringMatching(/^heading-level 42 heading "Detail too deep" skips from level 2 to 4: use ###/),
    ]);
    expect(report.findings.filter((f) => kinds.includes(f.kind)).every((f) => f.file.endsWith('accessibility-check/brief.md') && f.severity === 'warning')).toBe(true);
    // The estimates still show their words in the house template: only the confidence dots are reported.
    expect(found.join('\n')).not.toMatch(/estimate "likely"|estimate "almost certain"/);
  });

  it('fails the check with --strict, as CI would', async () => {
    const r = await cli('check', fixture, '--strict');
    expect(r.code).toBe(1);
    expect(r.err).toContain('brief.md:42: warning: heading "Detail too deep" skips from level 2 to 4');
  });

  it.each([
    ['the deck with every layout', 'tests/fixtures/every-layout'],
    ['the sample deck', 'briefs/us-japan-alliance'],
  ])('finds nothing to report in %s (the built-in templates write every tag in words)', async (_what, deck) => {
    const report = await check(join(repoRoot, deck));
    expect(report.findings.filter((f) => kinds.includes(f.kind))).toEqual([]);
  });
});
