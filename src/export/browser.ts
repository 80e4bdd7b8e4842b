import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
  // No page may open another (window.open, target=_blank): a popup stalled printing and, being
  // a page of its own, loaded outside request blocking.
  '--block-new-web-contents',
];

/**
 * Runs `work` with one browser and closes it on every path (success, error, timeout,
 * and `signal` aborting on Ctrl-C), with a fresh profile folder that is removed
 * afterwards. One browser serves a whole batch. Given a browser already started
 * (startBrowser), it uses that one and closes it the same way.
 */
export async function withBrowser<T>(executable: string | StartedBrowser, work: (browser: Browser) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const started = typeof executable === 'string' ? startBrowser(executable, signal) : executable;
  // Closing the browser makes whatever the work awaits fail at once; the catch below names why.
  const onAbort = () => void started.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const browser = await started.browser;
    if (signal?.aborted) throw interrupted();
    return await work(browser);
  } catch (cause) {
    if (signal?.aborted) throw interrupted(cause);
    throw cause;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await started.close();
  }
}

/** A browser starting (or started) ahead of the work that needs it. */
export interface StartedBrowser {
  /** The browser once up; rejects with the reason it could not start (an environment error). */
  readonly browser: Promise<Browser>;
  /** Closes it (waiting for it to finish starting first) and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a browser now, for work that comes later: a PDF command launches Chromium while it
 * loads, checks and renders the deck. `executable` may be a path still to look up; a failure
 * to find or start it is kept for whoever awaits `browser`, never thrown here. The caller must
 * call close() on every path (withBrowser does).
 */
export function startBrowser(executable: string | (() => Promise<string>), signal?: AbortSignal): StartedBrowser {
  let browser: Browser | undefined;
  let profile: string | undefined;
  const onAbort = () => void close(browser);
  signal?.addEventListener('abort', onAbort, { once: true });
  const starting = (async () => {
    const path = typeof executable === 'string' ? executable : await executable();
    try {
      // puppeteer-core, not puppeteer: the same launcher without puppeteer's configuration
      // search (cosmiconfig reading the folders up from the current one) on every start.
      const { launch } = await import('puppeteer-core');
      await removeStaleProfiles();
      // The profile's name carries this process's id, so a later run can tell it was left by a dead one.
      profile = await mkdtemp(join(tmpdir(), `${profilePrefix}${process.pid}-`));
      browser = await launch({
        executablePath: path,
        headless: true,
        args: launchFlags,
        userDataDir: profile,
        // Every tab starts at the slide canvas size, so printing needs no resize (and relayout).
        defaultViewport: { width: 1920, height: 1080 },
        timeout: defaultTimeoutMs,
        // Talk to Chromium over a pipe: when this process dies, even by kill -9, the pipe
        // closes and Chromium exits with it (a WebSocket left 11 processes running).
        pipe: true,
        // puppeteer's own Ctrl-C handler would exit the process before this finally runs.
        handleSIGINT: false,
      });
    } catch (cause) {
      if (signal?.aborted) throw interrupted(cause);
      if (cause instanceof BriefdeckError) throw cause;
      throw new BriefdeckError('environment', `could not start the browser at ${path}: ${firstLine(cause)}`, [], { cause });
    }
    // The pipe to Chromium can report a reset after puppeteer has stopped listening (a browser
    // closed on Ctrl-C): expected then, and never worth a crash.
    for (const stream of browser.process()?.stdio ?? []) stream?.on('error', () => undefined);
    return browser;
  })();
  starting.catch(() => undefined); // kept for whoever awaits it; never an unhandled rejection
  return {
    browser: starting,
    async close() {
      signal?.removeEventListener('abort', onAbort);
      await starting.catch(() => undefined);
      await close(browser);
      // Its helper processes may still be exiting: a few retries rather than a folder left behind.
      if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    },
  };
}

/**
 * Ends the browser and waits for its process to exit. Nothing it holds needs a graceful
 * shutdown: every PDF has been read from it, and its profile is a folder of its own, removed
 * next. Killed, it is gone in 20-30 ms; Browser.close takes about 110 ms (issue 19). Ctrl-C
 * ends it once from the abort handler and again here: each call waits for the exit, so the
 * command never ends with Chromium still running.
 */
async function close(browser: Browser | undefined): Promise<void> {
  const proc = browser?.process();
  // Windows has no process groups to end at once: there the browser closes itself.
  if (!proc?.pid || process.platform === 'win32') return void (await browser?.close().catch(() => undefined));
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  try {
    // puppeteer starts Chromium as the leader of a process group: the renderers and helpers end with it.
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
  await exited;
}

const profilePrefix = 'briefdeck-chromium-';

/**
 * Removes profile folders that runs killed before they could clean up left in the temporary
 * folder: those whose process id is no longer running. Folders of live runs (another
 * briefdeck printing at the same time) and of older versions (no id in the name) are kept.
 */
export async function removeStaleProfiles(folder = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = new RegExp(`^${profilePrefix}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}

function interrupted(cause?: unknown): BriefdeckError {
  return new BriefdeckError('interrupted', 'interrupted; the browser was closed and no PDF was written', [], { cause });
}
