import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Browser, Page } from 'puppeteer';
import { BriefdeckError, firstLine } from '../kernel/problem.js';
import { defaultTimeoutMs } from '../kernel/run.js';
import { BrowserPipe } from './browser-pipe.js';
import { openQuietTab } from './print-tabs.js';

/**
 * Where system Chromium or Chrome usually lives. Chromium's headless shell first (Debian:
 * chromium-headless-shell), the same engine without a browser's windows and their pages: it
 * starts in 75 ms where Chromium takes 250 ms, its main process does half the work a print,
 * and its PDFs are byte for byte Chromium's (issue 19).
 */
const systemBrowsers = [
  '/usr/lib/chromium/chromium-headless-shell',
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

/**
 * How Chromium is started: puppeteer's own launch flags (puppeteer 24, `defaultArgs()` for a
 * headless browser), since briefdeck starts the browser itself and only then hands it to
 * puppeteer, and briefdeck's, which keep it quiet and offline.
 */
const launchFlags = [
  // puppeteer's: no first-run or background work, tagged PDFs, sRGB colours, no scrollbars.
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  // puppeteer's features to switch off, and briefdeck's after them (Chrome reads only the last
  // --disable-features it is given, so they share one): Chrome builds the address bar's
  // suggestion popup, a web page of its own, for every window it opens, headless or not. A
  // renderer that loads some 200 scripts took 0.35-0.5 s of CPU on the way to the first PDF;
  // no window here has an address bar to type in (issue 19).
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes,PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
  // briefdeck's.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-component-update',
  '--font-render-hinting=none',
  // No page may open another (window.open, target=_blank): a popup stalled printing and, being
  // a page of its own, loaded outside request blocking.
  '--block-new-web-contents',
  // No network: whatever Chrome would fetch goes to a proxy that cannot exist, loopback
  // included, and WebRTC may not send UDP around it. Request interception sees and reports a
  // page's requests, and the page's own guard its WebSockets (pdf.ts, policyWatch), but neither
  // sees a WebSocket that a web worker opens: this refuses that one too. (Network.setBlockedURLs,
  // tried before, blocked no WebSocket.)
  '--proxy-server=http://0.0.0.0:0',
  '--proxy-bypass-list=<-loopback>',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  // The DevTools protocol over file descriptors 3 and 4 (browser-pipe.ts), not a WebSocket:
  // when this process dies, even by kill -9, the pipe closes and Chromium exits with it (a
  // WebSocket left 11 processes running).
  '--remote-debugging-pipe',
];

/**
 * Runs `work` with one browser and closes it on every path (success, error, timeout,
 * and `signal` aborting on Ctrl-C), with a fresh profile folder that is removed
 * afterwards. One browser serves a whole batch. Given a browser already started
 * (startBrowser), it uses that one and closes it the same way. The browser has no network
 * (launchFlags): pages load from disk; a browser context with its own proxy setting can reach
 * a server (puppeteer's `createBrowserContext({ proxyServer: 'direct://' })`).
 */
export async function withBrowser<T>(executable: string | StartedBrowser, work: (browser: Browser, started: StartedBrowser) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const started = typeof executable === 'string' ? startBrowser(executable, signal) : executable;
  // Closing the browser makes whatever the work awaits fail at once; the catch below names why.
  const onAbort = () => void started.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const browser = await started.browser;
    if (signal?.aborted) throw interrupted();
    return await work(browser, started);
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
  /** Tabs that draw no frames (print-tabs.ts), opened as soon as the browser is up (startBrowser's `quietTabs`, openQuietTabs), for the first prints. */
  readonly quietTabs: Promise<Page | undefined>[];
  /** Opens more such tabs now, while the caller gets ready to print, until there are `count` in all. */
  openQuietTabs(count: number): void;
  /** Ends it (one still starting too, which then fails to start) and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a browser now, for work that comes later: a PDF command launches Chromium while it
 * loads, checks and renders the deck. `executable` may be a path still to look up; a failure
 * to find or start it is kept for whoever awaits `browser`, never thrown here. The caller must
 * call close() on every path (withBrowser does).
 */
export function startBrowser(executable: string | (() => Promise<string>), signal?: AbortSignal, options: { quietTabs?: number } = {}): StartedBrowser {
  let browser: Browser | undefined;
  let chromium: ChildProcess | undefined;
  let profile: string | undefined;
  /** Set by close(): a browser not started yet never is. */
  let closing = false;
  const onAbort = () => void close(browser, chromium);
  signal?.addEventListener('abort', onAbort, { once: true });
  const launch = (path: string): SpawnedBrowser => {
    if (signal?.aborted) throw interrupted();
    if (closing) throw new BriefdeckError('environment', `the browser at ${path} was closed before it started`);
    // The profile's name carries this process's id, so a later run can tell it was left by a dead one.
    profile = mkdtempSync(join(tmpdir(), `${profilePrefix}${process.pid}-`));
    const spawned = spawnBrowser(path, profile);
    chromium = spawned.process;
    return spawned;
  };
  // A path already known is started before this returns: Chromium boots (0.2-0.3 s) while the
  // caller loads and renders, and while puppeteer loads below (issue 19).
  let early: SpawnedBrowser | { error: unknown } | undefined;
  if (typeof executable === 'string') {
    try {
      early = launch(executable);
    } catch (error) {
      early = { error };
    }
  }
  const starting = (async () => {
    const path = typeof executable === 'string' ? executable : await executable();
    let spawned: SpawnedBrowser | undefined;
    try {
      if (early && 'error' in early) throw early.error;
      spawned = early ?? launch(path);
      // Folders of earlier runs that were killed; this run's is kept (its process is alive).
      const stale = removeStaleProfiles();
      // puppeteer-core, not puppeteer: the same library without puppeteer's configuration
      // search (cosmiconfig reading the folders up from the current one) on every start.
      const { connect } = await import('puppeteer-core');
      browser = await Promise.race([
        connect({
          transport: spawned.pipe,
          // Every tab starts at the slide canvas size, so printing needs no resize (and relayout).
          defaultViewport: { width: 1920, height: 1080 },
        }),
        spawned.failed,
      ]);
      await stale;
    } catch (cause) {
      if (signal?.aborted) throw interrupted(cause);
      if (cause instanceof BriefdeckError) throw cause;
      // A browser that dies as it starts may close its pipe before it exits, and puppeteer then
      // says only "Target closed": how it exited, and its last words, say why.
      const exit = spawned ? await spawned.exitReason(250) : undefined;
      throw new BriefdeckError('environment', `could not start the browser at ${path}: ${firstLine(exit ?? cause)}`, [], { cause });
    } finally {
      spawned?.failed.cancel();
    }
    // The start tab is set up (attached, its viewport set) while the decks still render.
    void browser.pages().catch(() => undefined);
    return browser;
  })();
  starting.catch(() => undefined); // kept for whoever awaits it; never an unhandled rejection
  // Opened while the decks still render. A tab that could not be opened is not kept: the print opens another, or says why not.
  const quietTabs: Promise<Page | undefined>[] = [];
  const openQuietTabs = (count: number) => {
    while (quietTabs.length < count) quietTabs.push(starting.then(openQuietTab).catch(() => undefined));
  };
  openQuietTabs(options.quietTabs ?? 0);
  return {
    browser: starting,
    quietTabs,
    openQuietTabs,
    async close() {
      signal?.removeEventListener('abort', onAbort);
      closing = true;
      // A browser still starting is ended now, not waited for: its start then fails at once.
      const ending = close(browser, chromium);
      await starting.catch(() => undefined);
      const exiting = Promise.all([ending, close(browser, chromium)]);
      let removing: Promise<void> | undefined;
      if (profile) {
        // Killed, Chromium writes nothing more: its profile is removed while its processes
        // exit, not after (30 ms of every PDF command, issue 19), and at once (4 ms): removed
        // a file at a time, it waited on the main thread, busy finishing the last PDF. On
        // Windows, once they have exited: a file a process holds open there cannot be removed.
        if (process.platform === 'win32') await exiting;
        removing = removeProfile(profile);
      }
      await Promise.all([exiting, removing]);
    },
  };
}

/** Chromium as started, the pipe to talk to it, and a promise that rejects if it fails to come up. */
interface SpawnedBrowser {
  process: ChildProcess;
  pipe: BrowserPipe;
  /** Rejects when the browser cannot start, exits, or is not up within the time allowed; never resolves. */
  failed: Promise<never> & { cancel(): void };
  /** Why it failed, if it does within `ms` (its exit code and last line of stderr); otherwise undefined. */
  exitReason(ms: number): Promise<Error | undefined>;
}

/**
 * Starts Chromium with its DevTools pipe. It leads a process group of its own (not on Windows),
 * so its renderers and helpers end with it (close()). What it writes to stderr is kept, a few
 * KB of it, to say why it did not start.
 */
function spawnBrowser(path: string, profile: string): SpawnedBrowser {
  const child = spawn(path, [...launchFlags, `--user-data-dir=${profile}`, 'about:blank'], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString('utf8')).slice(-4096)));
  child.stderr?.on('error', () => undefined);
  const [, , , toBrowser, fromBrowser] = child.stdio as unknown as [null, null, Readable, Writable, Readable];
  let deadline: NodeJS.Timeout | undefined;
  let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  let onError: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => reject(new Error(`it did not answer within ${defaultTimeoutMs / 1000} s`)), defaultTimeoutMs);
    onError = (error) => reject(error);
    onExit = (code, signal) => {
      const said = stderr.trim().split('\n').filter(Boolean).at(-1);
      reject(new Error(`it exited (${signal ?? `code ${code}`})${said ? `: ${said}` : ''}`));
    };
    child.once('error', onError);
    child.once('exit', onExit);
  });
  failed.catch(() => undefined); // raced against connect(); a failure after that has no one to tell
  const cancel = () => {
    clearTimeout(deadline);
    child.off('error', onError);
    child.off('exit', onExit);
    // Spawn errors after start-up (none are expected) must not crash the process.
    child.on('error', () => undefined);
  };
  const exitReason = (ms: number) =>
    new Promise<Error | undefined>((resolve) => {
      const gaveUp = setTimeout(() => resolve(undefined), ms);
      failed.catch((error: Error) => {
        clearTimeout(gaveUp);
        resolve(error);
      });
    });
  return { process: child, pipe: new BrowserPipe(toBrowser, fromBrowser), failed: Object.assign(failed, { cancel }), exitReason };
}

/**
 * Ends the browser and waits for its process to exit. Nothing it holds needs a graceful
 * shutdown: every PDF has been read from it, and its profile is a folder of its own, removed
 * meanwhile. Killed, it is gone in 20-30 ms; Browser.close takes about 110 ms (issue 19). The
 * kill is sent before this first waits, so once called, Chromium runs no more. Ctrl-C ends it
 * once from the abort handler and again here: each call waits for the exit, so the command
 * never ends with Chromium still running.
 */
async function close(browser: Browser | undefined, chromium: ChildProcess | undefined): Promise<void> {
  if (!chromium?.pid) return void (await browser?.close().catch(() => undefined));
  if (chromium.exitCode !== null || chromium.signalCode !== null) return;
  const exited = new Promise((resolve) => chromium.once('exit', resolve));
  try {
    // Its renderers and helpers end with it: on Windows, which has no process groups, taskkill
    // ends the tree (as puppeteer's launcher does); elsewhere Chromium leads a group of its own.
    if (process.platform === 'win32') execFileSync('taskkill', ['/pid', String(chromium.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-chromium.pid, 'SIGKILL');
  } catch {
    chromium.kill('SIGKILL');
  }
  await exited;
}

/**
 * Removes a profile folder, in one call. Should something still be writing in it, the folder
 * is removed again off the main thread, with a few retries (a synchronous retry would sleep
 * on it); what even that leaves, the next export removes (removeStaleProfiles).
 */
function removeProfile(profile: string): Promise<void> | undefined {
  try {
    rmSync(profile, { recursive: true, force: true });
    return undefined;
  } catch {
    return rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
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
