/** What the export stage reports while it works through a batch. */
export interface Progress {
  start(total: number, what: string): void;
  /** One item finished; `label` names it. */
  advance(label: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start: () => undefined, advance: () => undefined, stop: () => undefined };

/** A progress display that also carries the log lines written while it runs. */
export interface ProgressDisplay extends Progress {
  /** Writes a whole line, above the live bar if there is one. */
  line(text: string): void;
}

/**
 * On a terminal: one live line, redrawn in place (`[#####-----] 3/8 PDFs  deck/staff`).
 * Elsewhere (a pipe, a log file, CI): plain lines, one per finished item, nothing erased.
 */
export function progressDisplay(write: (text: string) => void, live: boolean): ProgressDisplay {
  let total = 0;
  let done = 0;
  let what = '';
  let last = '';
  let shown = false;
  const bar = () => {
    const width = 20;
    const filled = total ? Math.round((done / total) * width) : 0;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${what}  ${last}`;
  };
  const clear = () => {
    if (shown) write('\r\x1b[2K');
    shown = false;
  };
  const draw = () => {
    if (!live || total === 0) return;
    write(`\r\x1b[2K${bar()}`);
    shown = true;
  };
  return {
    start(count, label) {
      total = count;
      done = 0;
      what = label;
      draw();
    },
    advance(label) {
      done += 1;
      last = label;
      if (live) draw();
      else write(`${done}/${total} ${what}: ${label}\n`);
    },
    stop() {
      clear();
      total = 0;
    },
    line(text) {
      clear();
      write(text.endsWith('\n') ? text : `${text}\n`);
      draw();
    },
  };
}

/** A live display only on a terminal, and never under CI (whose logs keep every redraw). */
export function wantsLiveProgress(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(isTTY) && !env.CI && env.TERM !== 'dumb';
}
