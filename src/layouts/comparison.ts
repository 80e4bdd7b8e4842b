import type { Token, Tokens } from 'marked';
import type { LayoutPlugin } from './index.js';
import type { Slide } from '../model.js';
import { bodyBlocks } from './list.js';

interface Column {
  heading: Tokens.Heading;
  blocks: Token[];
  line: number;
}

/** Two or three `### Column` blocks side by side: positions, options, before and after. */
export const comparison: LayoutPlugin = {
  read(slide, problems) {
    const { lead, columns } = read(slide);
    if (columns.length < 2 || columns.length > 3) {
      problems.error(slide.file, columns[3]?.line ?? slide.line, `a comparison slide holds 2 or 3 "### Column" headings, each with its content, not ${columns.length}`);
    }
    for (const column of columns) {
      if (!column.blocks.some((t) => t.type !== 'space')) problems.error(slide.file, column.line, `column "${column.heading.text}" is empty`);
    }
    return { kind: 'comparison', lead, columns: columns.map((c) => ({ title: c.heading.tokens, blocks: c.blocks })) };
  },
};

/** Splits the body at its `###` headings; what comes before the first is the lead. */
function read(slide: Slide): { lead: Token[]; columns: Column[] } {
  const lead: Token[] = [];
  const columns: Column[] = [];
  for (const { token, line } of bodyBlocks(slide)) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 3) {
      columns.push({ heading: token as Tokens.Heading, blocks: [], line });
    } else {
      (columns[columns.length - 1]?.blocks ?? lead).push(token);
    }
  }
  return { lead, columns };
}
