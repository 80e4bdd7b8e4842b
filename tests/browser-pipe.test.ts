import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BrowserPipe } from '../src/export/browser-pipe.js';

/** A pipe over two in-memory streams, and every message it delivered. */
function pipe() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const transport = new BrowserPipe(toBrowser, fromBrowser);
  const received: string[] = [];
  transport.onmessage = (message) => void received.push(message);
  const settle = () => new Promise((done) => setImmediate(() => setImmediate(done)));
  return { toBrowser, fromBrowser, transport, received, settle };
}

describe("the DevTools pipe to Chromium (browser-pipe.ts)", () => {
  it('delivers each NUL-ended message whole and in order, however the bytes arrive', async () => {
    const { fromBrowser, received, settle } = pipe();
    const messages = ['{"id":1,"result":{}}', '{"method":"Target.targetCreated","params":{"title":"Sécurité 日本"}}', '{"id":2}'];
    const bytes = Buffer.from(messages.map((m) => `${m}\0`).join(''), 'utf8');
    // Split inside a message, inside a multi-byte character, and with two ends in one chunk.
    const cuts = [5, bytes.indexOf('é') + 1, bytes.indexOf('日') + 2, bytes.lastIndexOf('{"id":2}') - 3, bytes.length];
    let from = 0;
    for (const cut of cuts) {
      fromBrowser.write(bytes.subarray(from, cut));
      from = cut;
      await settle();
    }
    expect(received).toEqual(messages);
  });

  it('delivers nothing before its end arrives', async () => {
    const { fromBrowser, received, settle } = pipe();
    fromBrowser.write('{"id":1,"res');
    await settle();
    expect(received).toEqual([]);
    fromBrowser.write('ult":{}}\0');
    await settle();
    expect(received).toEqual(['{"id":1,"result":{}}']);
  });

  it('ends what it sends with a NUL, sends nothing once closed, and says when the browser closed the pipe', async () => {
    const { toBrowser, fromBrowser, transport, settle } = pipe();
    const sent: Buffer[] = [];
    toBrowser.on('data', (chunk: Buffer) => void sent.push(chunk));
    transport.send('{"id":1,"method":"Browser.getVersion"}');
    let closed = false;
    transport.onclose = () => void (closed = true);
    fromBrowser.destroy();
    await settle();
    expect(closed).toBe(true);
    transport.send('{"id":2}');
    transport.close();
    transport.send('{"id":3}');
    await settle();
    expect(Buffer.concat(sent).toString()).toBe('{"id":1,"method":"Browser.getVersion"}\0');
  });
});

describe('a browser that closed the pipe before anyone listened', () => {
  it('is told to the listener set afterwards, once', async () => {
    const toBrowser = new PassThrough();
    const fromBrowser = new PassThrough();
    const transport = new BrowserPipe(toBrowser, fromBrowser);
    fromBrowser.destroy(); // Chromium died while puppeteer was still loading
    await new Promise((done) => setImmediate(done));
    let told = 0;
    transport.onclose = () => void told++;
    await new Promise((done) => setImmediate(() => setImmediate(done)));
    expect(told).toBe(1);
  });
});
