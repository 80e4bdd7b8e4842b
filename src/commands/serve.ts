import { createServer, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { watch } from 'chokidar';
import { findDecks, type LoadOptions } from '../load/deck-file.js';
import { deckFiles, prepareDeck } from './pipeline.js';
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

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp',
};

/**
 * `briefdeck serve`: builds one audience version of a deck into a temporary folder, serves
 * it on 127.0.0.1, rebuilds when a brief, manifest, sources file or template changes, and
 * tells open pages over Server-Sent Events to reload (or to show the build's problems).
 */
export async function serveDeck(deckArg: string | undefined, options: ServeOptions = {}): Promise<DeckServer> {
  const log = options.log ?? silentLogger;
  const paths = await findDecks(deckArg, options.cwd);
  if (paths.length !== 1) throw new BriefdeckError('usage', `serve shows one deck; name one of: ${paths.join(', ')}`);
  const deckPath = paths[0]!;
  const folder = await mkdtemp(join(tmpdir(), 'briefdeck-serve-'));
  const clients = new Set<ServerResponse>();
  let problems: string[] = [];
  let built = false;

  const send = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const build = async () => {
    const started = Date.now();
    try {
      const { parsed, versions } = await prepareDeck(deckPath, { ...options, log: silentLogger });
      const { plan, rendered } = versions[0]!;
      await writeFolder(folder, await deckFiles(parsed.deck, plan, rendered));
      built = true;
      problems = [];
      log.info(`rebuilt ${parsed.deck.name}/${plan.audience.name} in ${Date.now() - started} ms`);
      send('reload', { audience: plan.audience.name });
    } catch (error) {
      if (!(error instanceof BriefdeckError)) throw error;
      problems = error.problems.length ? error.problems.map(formatProblem) : [error.message];
      problems.forEach((p) => log.info(p));
      send('problems', { problems });
    }
  };
  await build();

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/__briefdeck/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    void serveFile(path === '/' ? '/index.html' : path, res);
  });
  const serveFile = async (path: string, res: ServerResponse) => {
    const file = normalize(join(folder, path));
    if (!file.startsWith(folder + sep)) return void res.writeHead(403).end();
    // Browsers ask for one; a 404 would put an error in the console of every preview.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === '/index.html') {
      const html = built ? await readFile(file, 'utf8') : '<!doctype html><title>briefdeck</title><body></body>';
      res.writeHead(200, { 'content-type': types['.html']!, 'cache-control': 'no-store' });
      return void res.end(liveHtml(html, problems));
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
  await new Promise<void>((done, fail) => server.once('error', fail).listen(options.port ?? 8000, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  // The deck's folder holds its briefs, manifest and usually its sources; templates restyle it.
  const watched = [dirname(deckPath), builtInTemplates, ...(options.house ? [options.house] : []), ...(options.templates ?? [])];
  const watcher = watch(watched, { ignoreInitial: true, ignored: (p) => p.includes(`${sep}.`) });
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void (queue = queue.then(build)), options.debounceMs ?? 150);
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));

  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await queue;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
