import { describe, expect, it } from 'vitest';
import { progressDisplay, wantsLiveProgress } from '../src/kernel/progress.js';

describe('progress display', () => {
  it('writes plain lines when not live', () => {
    let out = '';
    const p = progressDisplay((t) => void (out += t), false);
    p.start(2, 'PDFs');
    p.advance('deck/staff');
    p.line('a log line');
    p.stop();
    expect(out).toBe('1/2 PDFs: deck/staff\na log line\n');
  });

  it('redraws one line in place when live, and clears it for log lines', () => {
    let out = '';
    const p = progressDisplay((t) => void (out += t), true);
    p.start(2, 'PDFs');
    p.advance('deck/staff');
    p.line('a log line');
    expect(out).toContain('\r\x1b[2K[##########----------] 1/2 PDFs  deck/staff');
    expect(out).toContain('\r\x1b[2Ka log line\n');
    expect(out).not.toContain('1/2 PDFs: deck/staff\n');
  });

  it('is live only on a terminal outside CI', () => {
    expect(wantsLiveProgress(true, {})).toBe(true);
    expect(wantsLiveProgress(true, { CI: 'true' })).toBe(false);
    expect(wantsLiveProgress(false, {})).toBe(false);
  });
});
