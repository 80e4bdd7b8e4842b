import { describe, expect, it } from 'vitest';
import { printPace } from '../src/export/print-pace.js';

/** Whether a promise has settled by the time every pending callback has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((next) => setImmediate(next));
  return done;
}

describe('printPace', () => {
  it('lets waiting work go at once when no page is being made ready', async () => {
    expect(await settled(printPace().idle())).toBe(true);
  });

  it('holds work back until every page being made ready has asked for its print', async () => {
    const pace = printPace();
    const first = pace.preparing();
    const second = pace.preparing();
    const waiting = pace.idle();
    first();
    expect(await settled(waiting)).toBe(false);
    // Said twice (the print asked for, then the print's end): counted once.
    first();
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
    // A page made ready after that holds back only work that waits from then on.
    const third = pace.preparing();
    expect(await settled(pace.idle())).toBe(false);
    third();
    expect(await settled(pace.idle())).toBe(true);
  });
});

describe('a print that fails before its page is made ready', () => {
  it('lets work waiting on the pace go on (no tab could be had)', async () => {
    const pace = printPace();
    const { printDeck } = await import('../src/export/pdf.js');
    const tabs = { take: () => Promise.reject(new Error('no tab')), give: () => Promise.resolve() };
    const browser = {} as Parameters<typeof printDeck>[0];
    const printing = printDeck(browser, '/nowhere/index.html', { tabs: tabs as never, pace });
    await expect(printing).rejects.toThrow('no tab');
    expect(await settled(pace.idle())).toBe(true);
  });
});
