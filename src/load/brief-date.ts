import { stat } from 'node:fs/promises';

/** What `date: today` and `date: last-modified` (Pandoc, Quarto) mean in this run. */
export interface BriefDates {
  /** The run's date (YYYY-MM-DD), taken once per build. */
  today: string;
  /** The file's last change (YYYY-MM-DD). */
  modified?: string;
}

/** Today's date in UTC, as an as-of date. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The dates a file's `today` and `last-modified` resolve to. */
export async function fileDates(absPath: string, today = todayIso()): Promise<BriefDates> {
  const modified = await stat(absPath).then((s) => todayIso(s.mtime), () => undefined);
  return { today, modified };
}

/** `today` and `last-modified` as calendar dates; any other value is already one. */
export function resolveDate(date: string | undefined, dates: BriefDates | undefined): string | undefined {
  if (date === 'today') return dates?.today ?? todayIso();
  if (date === 'last-modified') return dates?.modified ?? dates?.today ?? todayIso();
  return date;
}
