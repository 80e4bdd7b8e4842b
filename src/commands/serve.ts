import { createServer, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { watch } from 'chokidar';
import { findDecks, type LoadOptions } from '../load/deck-file.js';
import { prepareDeck } from './pipeline.js';
import { deckFiles } from '../write/deck-files.js';
import { mediaTypeOf } from '../kernel/media-type.js';
import { runContext } from '../kernel/run.js';
import { silentLogger, type Logger } from '../kernel/logger.js';
import { writeFolder } from '../write/output.js';
import { builtInTemplates } from '../load/template-set.js';
import { BriefdeckError, formatProblem } from '../kernel/problem.js';
import { liveHtml } from './serve-client.js';

export interface ServeOptions extends LoadOptions {
  audience?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Quiet time after the last change before rebuilding. */
  debounceMs?: number;
  log?: Logger;
}

export interface DeckServer {
  url: string;
  close(): Promise<void>;
}

/** Whether a Host header names this server: 127.0.0.1 or localhost, at its port. */
function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * `briefdeck serve`: builds one audience version of a deck into a temporary folder, serves
 * it on 127.0.0.1, rebuilds when a brief, manifest, sources file or template changes, and
 * tells open pages over Server-Sent Events to reload (or to show the build's problems).
 */
export async function serveDeck(deckArg: string | undefined, options: ServeOptions = {}): Promise<DeckServer> {
  const { log, cwd } = runContext(options);
  const paths = await findDecks(deckArg, cwd);
  if (paths.length !== 1) throw new BriefdeckError('usage', `serve shows one deck; name one of: ${paths.join(', ')}`);
  const deckPath = paths[0]!;
  const folder = await mkdtemp(join(tmpdir(), 'briefdeck-serve-'));
  const clients = new Set<ServerResponse>();
  let problems: string[] = [];

  const send = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  // Each build goes to a folder of its own and is served only once complete; the one before
  // is removed after the switch. Writing over the served folder made requests arriving
  // mid-rebuild crash on a missing index.html and left `.old-*` folders behind.
  let current: string | undefined;
  let builds = 0;
  const build = async () => {
    const started = Date.now();
    try {
      const { parsed, images, versions } = await prepareDeck(deckPath, { ...options, log: silentLogger });
      const { plan, rendered } = versions[0]!;
      const next = join(folder, `build-${++builds}`);
      await writeFolder(next, await deckFiles(parsed.deck, plan, rendered, images));
      const previous = current;
      current = next;
      if (previous) await rm(previous, { recursive: true, force: true });
      problems = [];
      log.info(`rebuilt ${parsed.deck.name}/${plan.audience.name} in ${Date.now() - started} ms`);
      send('reload', { audience: plan.audience.name });
    } catch (error) {
      // Whatever failed (a deck folder moved away mid-build, a full disk), the server stays up
      // and says why; the next save rebuilds.
      problems = error instanceof BriefdeckError && error.problems.length ? error.problems.map(formatProblem) : [error instanceof Error ? error.message : String(error)];
      problems.forEach((p) => log.info(p));
      send('problems', { problems });
    }
  };
  await build();

  let port = 0;
  const server = createServer((req, res) => {
    // DNS rebinding: a web page whose name now points at 127.0.0.1 reaches this server with
    // its own name in Host. Only the names of this server are answered, and the event
    // stream only to pages of this server (or to clients that send no Origin).
    if (!isOwnHost(req.headers.host, port)) return void res.writeHead(421, { 'content-type': 'text/plain' }).end('briefdeck serve answers only http://127.0.0.1:PORT/ and http://localhost:PORT/\n');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed URL\n');
    }
    if (path === '/__briefdeck/events') {
      const origin = req.headers.origin;
      if (origin !== undefined && !isOwnOrigin(origin, port)) return void res.writeHead(403).end();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    serveFile(path === '/' ? '/index.html' : path, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const serveFile = async (path: string, res: ServerResponse) => {
    // Browsers ask for one; a 404 would put an error in the console of every preview.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const root = current;
    if (path === '/index.html') {
      let html = '<!doctype html><title>briefdeck</title><body></body>';
      if (root) {
        const read = await readFile(join(root, 'index.html'), 'utf8').catch((error: unknown) => {
          if (current === root) throw error;
        });
        // Removed by a rebuild that finished while this request was on its way: the new build answers.
        if (read === undefined) return serveFile(path, res);
        html = read;
      }
      res.writeHead(200, { 'content-type': mediaTypeOf('index.html'), 'cache-control': 'no-store' });
      return void res.end(liveHtml(html, problems));
    }
    if (!root) return void res.writeHead(404).end();
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || path.includes('\0')) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': mediaTypeOf(file), 'cache-control': 'no-store' }).end(body);
    } catch {
      // Not there, or removed by a rebuild that finished while this request was on its way.
      res.writeHead(404).end();
    }
  };
  await new Promise<void>((done, fail) => server.once('error', fail).listen(options.port ?? 8000, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;

  // The deck's folder holds its briefs, manifest and usually its sources; templates restyle it.
  const watched = [dirname(deckPath), builtInTemplates, ...(options.house ? [resolve(cwd, options.house)] : []), ...(options.templates ?? []).map((dir) => resolve(cwd, dir))];
  const watcher = watch(watched, { ignoreInitial: true, ignored: (p) => p.includes(`${sep}.`) });
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  let closing = false;
  const rebuildSoon = () => {
    if (closing) return;
    clearTimeout(timer);
    timer = setTimeout(() => void (queue = queue.then(build)), options.debounceMs ?? 150);
  };
  watcher.on('all', rebuildSoon);
  // A watched folder that is moved away and back is not seen again by its own watch: once
  // it is gone, its path is looked for until it is back, then watched afresh and rebuilt.
  const deckDir = dirname(deckPath);
  let lookForReturn: NodeJS.Timeout | undefined;
  watcher.on('unlinkDir', (path) => {
    if (path !== deckDir || lookForReturn) return;
    lookForReturn = setInterval(() => {
      if (!existsSync(deckDir)) return;
      clearInterval(lookForReturn);
      lookForReturn = undefined;
      watcher.unwatch(deckDir);
      watcher.add(deckDir);
      rebuildSoon();
    }, 250);
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));

  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      // No rebuild starts from here on; the one running (if any) finishes before the folder goes.
      closing = true;
      clearTimeout(timer);
      clearInterval(lookForReturn);
      await watcher.close();
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await queue;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
