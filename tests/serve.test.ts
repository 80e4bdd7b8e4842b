import { afterEach, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, tempDir } from './helpers.js';
import { serveDeck, type DeckServer } from '../src/commands/serve.js';

let server: DeckServer | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.close();
  await cleanup?.();
});

/** Reads a Server-Sent Events stream until `event: NAME` arrives; gives up after 20 s. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, name: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = setTimeout(() => void reader.cancel(), 20_000);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`no "${name}" event; got: ${text}`);
      text += decoder.decode(value, { stream: true });
      const m = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(text);
      if (m) return m[1]!;
    }
  } finally {
    clearTimeout(deadline);
  }
}

describe('briefdeck serve', () => {
  it('serves the deck, reloads after a change and shows a broken brief as problems', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const brief = join(t.dir, 'brief.md');
    await copyFile(join(repoRoot, 'tests/fixtures/overflow/overflow.md'), brief);
    server = await serveDeck(brief, { port: 0, cwd: t.dir, debounceMs: 50 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(server.url)).text();
    expect(page).toContain('Fits comfortably');
    expect(page).toContain("new EventSource('/__briefdeck/events')");
    expect(page).toContain("connect-src 'self'"); // the deck's policy would block the event stream

    const events = (await fetch(`${server.url}__briefdeck/events`)).body!.getReader();
    const text = await readFile(brief, 'utf8');
    await writeFile(brief, text.replace('## Fits comfortably', '## Rewritten heading'));
    expect(JSON.parse(await nextEvent(events, 'reload'))).toEqual({ audience: 'default' });
    expect(await (await fetch(server.url)).text()).toContain('Rewritten heading');

    await writeFile(brief, text.replace('## Fits comfortably', '## Fits comfortably {layout=nonsense}'));
    const { problems } = JSON.parse(await nextEvent(events, 'problems'));
    expect(problems[0]).toMatch(/brief\.md:10: unknown layout "nonsense"/);
    const broken = await (await fetch(server.url)).text();
    expect(broken).toContain('Rewritten heading'); // the last good build stays up...
    expect(broken).toContain('unknown layout'); // ...under the overlay
    await events.cancel();
  });
});
