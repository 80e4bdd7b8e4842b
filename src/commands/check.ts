import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDecks } from '../load/deck-file.js';
import { readDeck, renderVersion } from './pipeline.js';
import { deckFiles } from '../write/deck-files.js';
import type { Logger } from '../kernel/logger.js';
import type { LoadOptions } from '../load/deck-file.js';

import { writeFolder, type OutputFiles } from '../write/output.js';
import { resolveBrowser, withBrowser } from '../export/browser.js';
import { measureDeck } from '../export/overflow.js';
import { BriefdeckError, type Problem } from '../kernel/problem.js';
import { accessibilityFindings, colourOnlyFindings } from './check-accessibility.js';
import { altTextFindings, defaultMaxWords, measureFindings, mergeFindings, type CheckReport, type Finding } from './check-report.js';
import type { PlannedDeck } from '../model.js';

export interface CheckOptions extends LoadOptions {
  /** One audience; default: every audience each deck names. */
  audience?: string;
  browser?: string;
  maxWords?: number;
  /** Warnings fail the check too. */
  strict?: boolean;
  log?: Logger;
}

/** An audience version that built: measured in the browser next. */
interface Version {
  deck: string;
  deckFile: string;
  plan: PlannedDeck;
  files: OutputFiles;
}

/**
 * `briefdeck check`: every validation of a build, without writing outputs, then each
 * audience version rendered into a temporary folder and measured in one browser for
 * overflow, small text, long slides, and accessibility: images without alt text or of
 * text, tables without headers, skipped heading levels, tags shown by colour only.
 */
export async function checkDecks(deckArg: string | undefined, options: CheckOptions = {}): Promise<CheckReport> {
  const paths = await findDecks(deckArg, options.cwd);
  const findings: Finding[] = [];
  const versions: Version[] = [];
  const decks: CheckReport['decks'] = [];
  const notes: CheckReport['notes'] = [];
  for (const path of paths) {
    const checked = await checkInput(path, options, findings);
    if (!checked) continue;
    notes.push(...checked.notes);
    versions.push(...checked.versions);
    decks.push({ deck: checked.deck, file: checked.file, audiences: checked.versions.map((v) => v.plan.audience.name), slides: Object.fromEntries(checked.versions.map((v) => [v.plan.audience.name, v.plan.slides.length])) });
  }
  if (versions.length) findings.push(...(await measureVersions(versions, options)));
  for (const v of versions) findings.push(...altTextFindings(v.deck, v.plan, findings), ...accessibilityFindings(v.deck, v.plan));
  const merged = mergeFindings(findings);
  const errors = merged.filter((f) => f.severity === 'error').length;
  const warnings = merged.length - errors;
  return { ok: errors === 0 && (!options.strict || warnings === 0), errors, warnings, decks, findings: merged, notes };
}

/**
 * Load and parse once, then plan and render each audience; problems become findings
 * instead of stopping the check, so one audience's failure does not hide the others'.
 */
async function checkInput(path: string, options: CheckOptions, findings: Finding[]) {
  const asFindings = (deck: string, problems: Problem[]) => problems.map((p): Finding => ({ ...p, kind: 'input', deck, audiences: [] }));
  const collect = (into: Problem[]): Logger => ({ info: () => undefined, warn: (p) => void into.push(p) });
  const readWarnings: Problem[] = [];
  let read;
  try {
    read = await readDeck(path, { ...options, log: collect(readWarnings) });
  } catch (error) {
    findings.push(...asFindings(path, problemsOf(error)));
    return undefined;
  }
  const deck = read.parsed.deck;
  findings.push(...asFindings(deck.name, readWarnings));
  const versions: Version[] = [];
  for (const audience of read.audiences) {
    const warned: Problem[] = [];
    try {
      const { plan, rendered } = renderVersion(read.parsed, audience, { ...options, log: collect(warned) }, read.charts);
      versions.push({ deck: deck.name, deckFile: deck.file, plan, files: await deckFiles(deck, plan, rendered, read.images) });
    } catch (error) {
      warned.push(...problemsOf(error));
    }
    findings.push(...asFindings(deck.name, warned));
  }
  const notes = deck.briefs.flatMap((b) => (b.defaults ?? []).map((message) => ({ deck: deck.name, file: b.file, message })));
  return { deck: deck.name, file: deck.file, versions, notes };
}

/** The problems a failed stage reported; anything else is not the brief's fault and propagates. */
function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof BriefdeckError) || error.code === 'environment' || error.code === 'usage') throw error;
  return error.problems.length ? error.problems : [{ file: '', message: error.message, severity: 'error' }];
}

/** Writes every version into one temporary folder and measures them all with one browser. */
async function measureVersions(versions: Version[], options: CheckOptions): Promise<Finding[]> {
  const executable = await resolveBrowser(options.browser);
  const root = await mkdtemp(join(tmpdir(), 'briefdeck-check-'));
  const limits = { maxWords: options.maxWords ?? defaultMaxWords };
  try {
    const findings: Finding[] = [];
    await withBrowser(executable, async (browser) => {
      for (const v of versions) {
        const folder = join(root, v.deck, v.plan.audience.name);
        await writeFolder(folder, v.files);
        const started = Date.now();
        const measured = await measureDeck(browser, join(folder, 'index.html'));
        options.log?.info(`${v.deck}/${v.plan.audience.name}: measured ${measured.slides.length} slides in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        findings.push(...measureFindings(v.deck, v.deckFile, v.plan, measured, limits), ...colourOnlyFindings(v.deck, v.plan, measured.slides));
      }
    });
    return findings;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
