/**
 * Which work goes first on Node's one thread while a batch prints (issue 19).
 *
 * A page being made ready for print needs Node at every step: each file it loads is let
 * through from here (pdf.ts, deckRequestsOnly), and each step after the load is sent from
 * here. Finishing a PDF keeps Node busy for 30-100 ms at a time, and a page waiting on
 * Node meanwhile leaves the browser idle. So finishing waits a moment (export.ts): it starts
 * once no page is being made ready, and runs while the browser prints, which it does
 * without Node. A print that fails says so as well (pdf.ts), whenever it fails.
 */
export interface PrintPace {
  /** A page starts being made ready; the function returned says it is (its print was asked for) or failed. */
  preparing(): () => void;
  /** Resolves once no page is being made ready (at once, when none is). */
  idle(): Promise<void>;
}

export function printPace(): PrintPace {
  let preparing = 0;
  let waiting: (() => void)[] = [];
  return {
    preparing() {
      preparing++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--preparing > 0) return;
        const woken = waiting;
        waiting = [];
        for (const wake of woken) wake();
      };
    },
    idle() {
      return preparing === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** For a print on its own: nothing to give way to. */
export const noPace: PrintPace = { preparing: () => () => undefined, idle: () => Promise.resolve() };
