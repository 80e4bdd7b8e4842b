import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('briefdeck CLI', () => {
  it('answers --version with the package version', async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects an unknown command as bad usage', async () => {
    expect((await cli('bogus')).code).toBe(2);
  });
});
