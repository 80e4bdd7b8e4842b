/** briefdeck's library API: the same pipeline the CLI runs, without printing. */
export { buildDeck, buildDecks, exportPdf, prepareDeck, readDeck, renderVersion, buildReport } from './commands/pipeline.js';
export { silentLogger } from './kernel/logger.js';
export type { Logger } from './kernel/logger.js';
export type { BuildOptions, CheckedDeck, RenderedVersion } from './commands/pipeline.js';
export type { RunOptions } from './kernel/run.js';
export type { BuiltVersion, LoadedDeck, ParsedDeck, DeckInfo, PlannedDeck, PlannedSlide, NumberedSource, Slide } from './model.js';
export { loadDeck, findDecks } from './load/deck-file.js';
export { parseDeck } from './parse/deck.js';
export { parseBrief } from './parse/brief.js';
export { planDeck } from './plan/plan.js';
export { renderDeck } from './render/html/render.js';
export { resolveBrowser, withBrowser } from './export/browser.js';
export { printDeck } from './export/pdf.js';
export { runCli } from './cli/cli.js';
export { BriefdeckError, ExitCode, formatProblem } from './kernel/problem.js';
export type { Problem } from './kernel/problem.js';
export type { AudienceProfile, BriefFrontMatter, DeckManifest, Source } from './load/schema.js';
export { version } from './kernel/version.js';
