import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

/**
 * `serve` ends cleanly however it is asked to: SIGINT, SIGTERM, SIGHUP, or the process that
 * started it (npx) going away. Each run gets a TMPDIR of its own, so "no temporary folder
 * left" is read from a folder nobody else writes to. The two-second bound is the contract's
 * (issue 18): a wait that gives up, not a measure of speed.
 */
const bin = join(repoRoot, 'bin/briefdeck.js');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether a process still runs: an exited one waiting to be reaped by init (a zombie) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/\) Z /.test(stat);
}

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** Starts `serve` (directly, or under `sh` standing in for npx) and waits until it answers. */
async function startServe(viaParent: boolean) {
  const t = await tempDir('briefdeck-serve-stop-');
  cleanups.push(t.cleanup);
  const tmp = join(t.dir, 'tmp');
  await mkdir(tmp);
  await copyFile(join(repoRoot, 'tests/fixtures/overflow/overflow.md'), join(t.dir, 'brief.md'));
  const port = await freePort();
  const args = [bin, 'serve', join(t.dir, 'brief.md'), '--port', String(port)];
  const env = { ...process.env, TMPDIR: tmp };
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const child: ChildProcess = viaParent
    ? spawn('sh', ['-c', `'${process.execPath}' ${quoted} & echo $!; wait`], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  cleanups.push(async () => void (child.exitCode === null && child.kill('SIGKILL')));
  const until = Date.now() + 60_000;
  while (!out.includes('serving http://') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(out).toContain(`serving http://127.0.0.1:${port}/`);
  const servePid = viaParent ? Number(out.split('\n')[0]) : child.pid!;
  expect(await readdir(tmp)).toEqual([expect.stringMatching(/^briefdeck-serve-/)]);
  expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  return { child, servePid, tmp, port };
}

describe('serve ends cleanly', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('on %s: within two seconds, exit 0, its temporary folder removed', async (signal) => {
    const { child, servePid, tmp } = await startServe(false);
    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    process.kill(servePid, signal);
    expect(await gone(servePid, 2000)).toBe(true);
    expect(await exited).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('when the process that started it is killed (npx killed): within two seconds, folder removed', async () => {
    const { child, servePid, tmp, port } = await startServe(true);
    child.kill('SIGKILL'); // the parent goes without a word, as npx killed with -9
    expect(await gone(servePid, 2000)).toBe(true);
    expect(await readdir(tmp)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('when its parent gets SIGTERM', async () => {
    const { child, servePid, tmp } = await startServe(true);
    child.kill('SIGTERM');
    expect(await gone(servePid, 2000)).toBe(true);
    expect(await readdir(tmp)).toEqual([]);
  });
});
