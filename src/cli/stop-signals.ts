/** Why a long-running command is asked to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'parent-gone';

/** The exit code of a command stopped by each: 128 + the signal's number (INT 2, TERM 15, HUP 1). */
export const stopExitCode: Record<StopReason, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, 'parent-gone': 129 };

/** How often the parent process is looked for; the work of ending takes longer than this. */
const parentCheckMs = 100;

/**
 * Calls `stop` once when the user or the system asks briefdeck to end: Ctrl-C (SIGINT),
 * SIGTERM (kill, a supervisor), SIGHUP (the terminal closed), or the process that started it
 * going away without a word (`npx` killed with -9: briefdeck is handed to init and its
 * parent id changes). Returns a function that stops listening.
 */
export function onStop(stop: (reason: StopReason) => void): () => void {
  const parent = process.ppid;
  let done = false;
  const fire = (reason: StopReason) => {
    if (done) return;
    done = true;
    dispose();
    stop(reason);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, () => fire(signal)] as const);
  for (const [signal, handler] of handlers) process.once(signal, handler);
  const watch = setInterval(() => process.ppid !== parent && fire('parent-gone'), parentCheckMs);
  watch.unref();
  function dispose() {
    clearInterval(watch);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
  return dispose;
}
