/** briefdeck's library API: the same pipeline the CLI runs, without printing. */
export { buildDeck, buildDecks, exportPdf, prepareDeck, readDeck, renderVersion, buildReport, stages, silentLogger } from './pipeline.js';
export type { BuildOptions, BuiltVersion, Logger } from './pipeline.js';
export { loadDeck, findDecks } from './deck-file.js';
export { parseDeck } from './deck.js';
export type { LoadedDeck, ParsedDeck, DeckInfo } from './deck.js';
export { parseBrief } from './brief.js';
export { planDeck } from './plan.js';
export type { PlannedDeck, PlannedSlide, NumberedSource } from './plan.js';
export { renderDeck } from './render.js';
export { resolveBrowser, withBrowser } from './browser.js';
export { printDeck } from './pdf.js';
export { runCli } from './cli.js';
export { BriefdeckError, ExitCode, formatProblem } from './problem.js';
export type { Problem } from './problem.js';
export type { Slide } from './slide.js';
export type { AudienceProfile, BriefFrontMatter, DeckManifest, Source } from './schema.js';
export { version } from './version.js';
