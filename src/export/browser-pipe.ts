import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer';

/**
 * The DevTools protocol over the pipe Chromium opens with `--remote-debugging-pipe` (its file
 * descriptors 3 and 4): JSON messages, each ended by a NUL byte. browser.ts starts Chromium
 * itself and hands this to puppeteer's connect(), so the browser boots while puppeteer loads
 * (issue 19). Each message is delivered on a turn of its own, in order, as puppeteer's own
 * pipe transport does.
 */
export class BrowserPipe implements ConnectionTransport {
  onmessage?: (message: string) => void;
  #onclose?: () => void;
  #partial: Buffer[] = [];
  #closed = false;
  /** The browser closed its end (it exited); told to whoever listens, once. */
  #browserGone = false;
  #told = false;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.#receive(chunk));
    fromBrowser.on('close', () => {
      this.#closed = true;
      this.#browserGone = true;
      this.#tellClosed();
    });
    // A pipe reset by a browser that was killed (Ctrl-C, a finished batch) is expected: the
    // close above tells puppeteer, and nothing here is worth a crash.
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  get onclose(): (() => void) | undefined {
    return this.#onclose;
  }

  /**
   * A browser that died as it started may have closed the pipe before puppeteer listened: it
   * is told as soon as it does, or it would wait on an answer that never comes (and its timer
   * would keep Node running for minutes).
   */
  set onclose(listener: (() => void) | undefined) {
    this.#onclose = listener;
    if (listener && this.#browserGone) setImmediate(() => this.#tellClosed());
  }

  #tellClosed(): void {
    if (this.#told || !this.#onclose) return;
    this.#told = true;
    this.#onclose();
  }

  send(message: string): void {
    if (!this.#closed) this.toBrowser.write(`${message}\0`);
  }

  close(): void {
    this.#closed = true;
  }

  #receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) return void this.#partial.push(chunk);
    let start = 0;
    const first = Buffer.concat([...this.#partial, chunk.subarray(0, end)]).toString('utf8');
    this.#partial = [];
    this.#deliver(first);
    for (start = end + 1, end = chunk.indexOf(0, start); end !== -1; start = end + 1, end = chunk.indexOf(0, start)) {
      this.#deliver(chunk.toString('utf8', start, end));
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }

  #deliver(message: string): void {
    setImmediate(() => this.onmessage?.(message));
  }
}
