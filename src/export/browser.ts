import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { BriefdeckError, firstLine } from '../kernel/problem.js';
import { defaultTimeoutMs } from '../kernel/run.js';

/** Where system Chromium or Chrome usually lives. */
const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const noBrowserHelp =
  'no Chromium or Chrome found. Install one (Debian/Ubuntu: apt-get install chromium), ' +
  'or let puppeteer download its own (npx puppeteer browsers install chrome), ' +
  'or point briefdeck at one with --browser PATH or PUPPETEER_EXECUTABLE_PATH';

/** Where to look for a browser; the defaults are this machine's, tests pass their own. */
export interface BrowserSearch {
  env?: NodeJS.ProcessEnv;
  /** System install paths to try, in order. */
  candidates?: readonly string[];
  /** The browser puppeteer downloaded itself, if any. */
  bundled?: () => Promise<string | undefined>;
}

/**
 * The browser to drive, in order: an explicit path (option, then PUPPETEER_EXECUTABLE_PATH),
 * a system Chromium/Chrome, then puppeteer's own downloaded browser.
 */
export async function resolveBrowser(explicit?: string, search: BrowserSearch = {}): Promise<string> {
  const { env = process.env, candidates = systemBrowsers, bundled = puppeteerBrowser } = search;
  const given = explicit ?? env.PUPPETEER_EXECUTABLE_PATH;
  if (given) {
    if (!existsSync(given)) throw new BriefdeckError('environment', `browser not found at ${given}; ${noBrowserHelp}`);
    return given;
  }
  const system = candidates.find((path) => existsSync(path));
  if (system) return system;
  const own = await bundled();
  if (own && existsSync(own)) return own;
  throw new BriefdeckError('environment', noBrowserHelp);
}

async function puppeteerBrowser(): Promise<string | undefined> {
  try {
    const puppeteer = await import('puppeteer');
    return puppeteer.executablePath();
  } catch {
    return undefined; // puppeteer has no downloaded browser: the caller explains how to get one
  }
}

/** Flags that keep a headless Chromium quiet and offline. */
const launchFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

/**
 * Runs `work` with one browser and closes it on every path (success, error, timeout,
 * and `signal` aborting on Ctrl-C), with a fresh profile folder that is removed
 * afterwards. One browser serves a whole batch.
 */
export async function withBrowser<T>(executable: string, work: (browser: Browser) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const { launch } = await import('puppeteer');
  const profile = await mkdtemp(join(tmpdir(), 'briefdeck-chromium-'));
  let browser: Browser | undefined;
  // Closing the browser makes whatever the work awaits fail at once; the catch below names why.
  const onAbort = () => void close(browser);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    browser = await launch({
      executablePath: executable,
      headless: true,
      args: launchFlags,
      userDataDir: profile,
      // Every tab starts at the slide canvas size, so printing needs no resize (and relayout).
      defaultViewport: { width: 1920, height: 1080 },
      timeout: defaultTimeoutMs,
      // puppeteer's own Ctrl-C handler would exit the process before this finally runs.
      handleSIGINT: false,
    });
    if (signal?.aborted) throw interrupted();
    return await work(browser);
  } catch (cause) {
    if (signal?.aborted) throw interrupted(cause);
    if (cause instanceof BriefdeckError) throw cause;
    if (!browser) throw new BriefdeckError('environment', `could not start the browser at ${executable}: ${firstLine(cause)}`, [], { cause });
    throw cause;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await close(browser);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Closes the browser and waits for its process to exit. Ctrl-C closes it once from the
 * abort handler and again here: the second close() returns at once, so without waiting
 * for the exit the command could end with Chromium still running.
 */
async function close(browser: Browser | undefined): Promise<void> {
  const proc = browser?.process();
  const exited = proc && proc.exitCode === null && proc.signalCode === null ? new Promise((resolve) => proc.once('exit', resolve)) : undefined;
  await browser?.close().catch(() => proc?.kill('SIGKILL'));
  if (exited) {
    const killLater = setTimeout(() => proc?.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killLater);
  }
}

function interrupted(cause?: unknown): BriefdeckError {
  return new BriefdeckError('interrupted', 'interrupted; the browser was closed and no PDF was written', [], { cause });
}
