import {
  AlignmentType,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Token, Tokens } from 'marked';
import type { CitationToken } from '../../parse/markdown.js';
import { safeUrl } from '../../kernel/safe-url.js';
import { decodeEntities } from '../../kernel/entities.js';
import { citedRefs } from '../citations.js';
import { judgmentTag, recommendationTag, sourceText, type Paper } from './memo-html.js';
import type { MemoContent } from './memo-content.js';

/** Twentieths of a point, as Word measures pages. */
const pageSizes: Record<Paper, { width: number; height: number }> = {
  a4: { width: 11906, height: 16838 },
  letter: { width: 12240, height: 15840 },
};

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  font?: string;
}

/**
 * The memo as an editable Word file, for clearance with tracked changes: real headings,
 * bullet and numbered lists, a table with a header row, citations as superscript links to
 * a numbered source list, the marking in every page's header and footer, and document
 * properties (title, subject = the marking, author, keywords, language). Pure apart from
 * the zip it returns.
 */
export async function renderMemoDocx(memo: MemoContent, options: { paper?: Paper; generator: string; keywords?: string[] }): Promise<Uint8Array> {
  const numbers = new Map(memo.sources.map((s) => [s.source.id, s.number]));
  const runs = (tokens: Token[], style: RunStyle = {}) => inlineRuns(tokens, style, numbers);
  const portion = (mark?: string) => (mark ? [new TextRun({ text: `${mark} `, bold: true })] : []);
  const lang = memo.lang.includes('-') ? memo.lang : memo.lang === 'en' ? 'en-US' : memo.lang;

  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: ['READ-AHEAD', memo.organisation].filter(Boolean).join(' · '), bold: true, size: 17, color: '4A5568' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(memo.title)] }),
    ...(memo.subtitle ? [new Paragraph({ children: [new TextRun({ text: memo.subtitle, size: 22 })] })] : []),
    new Paragraph({
      spacing: { after: 160 },
      children: [new TextRun({ text: [memo.audienceLabel, memo.preparedFor && `prepared for ${memo.preparedFor}`, memo.asOf && `as of ${memo.asOf}`, memo.author].filter(Boolean).join(' · '), size: 18, color: '4A5568' })],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Bottom line')] }),
    ...memo.bottomLine.lead.flatMap((l) => blocks(l.blocks, runs, l.portion)),
    ...memo.bottomLine.judgments.map((j) => {
      const tag = judgmentTag(j.estimate, j.confidence);
      return new Paragraph({
        numbering: { reference: 'judgments', level: 0 },
        children: [...portion(j.portion), ...runs(j.text), ...(tag ? [new TextRun({ text: ` (${tag})`, color: '4A5568' })] : [])],
      });
    }),
  ];
  if (memo.figures.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Key figures')] }));
    const cell = (content: ParagraphChild[]) => new TableCell({ children: [new Paragraph({ children: content })] });
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: [cell([new TextRun({ text: 'Figure', bold: true })]), cell([new TextRun({ text: 'What it measures', bold: true })])] }),
          ...memo.figures.map((f) => new TableRow({ children: [cell([...portion(f.portion), ...runs(f.value, { bold: true })]), cell(runs(f.label))] })),
        ],
      }),
    );
  }
  if (memo.recommendations.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Recommendations')] }));
    for (const r of memo.recommendations) {
      const tag = recommendationTag(r.owner, r.priority);
      children.push(
        new Paragraph({
          numbering: { reference: 'recommendations', level: 0 },
          children: [...portion(r.portion), ...(r.title ? [...runs(r.title, { bold: true }), new TextRun(' ')] : []), ...runs(r.text), ...(tag ? [new TextRun({ text: ` (${tag})`, color: '4A5568' })] : [])],
        }),
      );
    }
  }
  if (memo.body.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Discussion')] }));
    for (const b of memo.body) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(b.title)] }), ...blocks(b.blocks, runs, b.portion));
  }
  if (memo.sources.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Sources')] }));
    for (const s of memo.sources) {
      const url = s.source.url && safeUrl(s.source.url);
      children.push(
        new Paragraph({
          spacing: { after: 60 },
          children: [
            new Bookmark({ id: `source-${s.number}`, children: [new TextRun({ text: `[${s.number}] `, bold: true, size: 18 })] }),
            new TextRun({ text: sourceText(s.source), size: 18 }),
            ...(url ? [new TextRun({ text: ' ', size: 18 }), new ExternalHyperlink({ link: url, children: [new TextRun({ text: url, style: 'Hyperlink', size: 18 })] })] : []),
          ],
        }),
      );
    }
  }

  const marking = memo.marking;
  const markingLine = (extra: ParagraphChild[] = []) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [...(marking ? [new TextRun({ text: marking, bold: true, size: 18 })] : []), ...extra] });
  const doc = new Document({
    title: memo.title,
    subject: marking ? `${marking} · ${memo.audienceLabel}` : memo.audienceLabel,
    creator: memo.author ?? memo.organisation ?? options.generator,
    description: memo.abstract ?? memo.subtitle,
    keywords: options.keywords?.join(', '),
    lastModifiedBy: options.generator,
    styles: { default: { document: { run: { font: 'Calibri', size: 21, language: { value: lang } } } } },
    numbering: {
      config: [
        { reference: 'judgments', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 260 } } } }] },
        { reference: 'recommendations', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: memo.recommendations[0]?.number ?? 1, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 300 } } } }] },
        { reference: 'bullets', levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } })) },
        { reference: 'numbers', levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } } })) },
      ],
    },
    sections: [
      {
        properties: { page: { size: pageSizes[options.paper ?? 'a4'], margin: { top: 1134, bottom: 1020, left: 1020, right: 1020 } } },
        headers: { default: new Header({ children: [markingLine()] }) },
        footers: { default: new Footer({ children: [markingLine([new TextRun({ text: marking ? '   ·   ' : '', size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18 })])] }) },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc);
  return fixDates(new Uint8Array(packed), memo.asOf);
}

/** Markdown blocks as Word paragraphs: paragraphs, lists with levels, quotes, tables; the portion mark opens each. */
function blocks(tokens: Token[], runs: (t: Token[], s?: RunStyle) => ParagraphChild[], portion?: string, level = 0): (Paragraph | Table)[] {
  const mark = (): ParagraphChild[] => (portion ? [new TextRun({ text: `${portion} `, bold: true })] : []);
  const out: (Paragraph | Table)[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
      case 'text':
        out.push(new Paragraph({ children: [...mark(), ...runs((token as Tokens.Paragraph).tokens ?? [token])] }));
        break;
      case 'heading':
        out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs((token as Tokens.Heading).tokens) }));
        break;
      case 'list': {
        const list = token as Tokens.List;
        for (const item of list.items) {
          const [first, ...rest] = item.tokens;
          const inline = first && (first.type === 'text' || first.type === 'paragraph') ? ((first as Tokens.Text).tokens ?? [first]) : [];
          out.push(new Paragraph({ numbering: { reference: list.ordered ? 'numbers' : 'bullets', level: Math.min(level, 2) }, children: [...mark(), ...runs(inline)] }));
          out.push(...blocks(inline.length ? rest : item.tokens, runs, portion, level + 1));
        }
        break;
      }
      case 'blockquote':
        for (const p of blocks((token as Tokens.Blockquote).tokens, (t, s) => runs(t, { ...s, italics: true }), portion, level)) out.push(p);
        break;
      case 'code':
        out.push(new Paragraph({ children: [new TextRun({ text: (token as Tokens.Code).text, font: 'Consolas' })] }));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[], header: boolean) =>
          new TableRow({ tableHeader: header, children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: runs(c.tokens, { bold: header }) })] })) });
        out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(table.header, true), ...table.rows.map((r) => row(r, false))] }));
        break;
      }
      default:
        break; // space, hr, raw HTML: nothing a memo paragraph needs
    }
  }
  return out;
}

/** Inline markdown as Word runs: bold, italics, code, links, and citations as superscript links to the source list. */
function inlineRuns(tokens: Token[], style: RunStyle, numbers: Map<string, number>): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'escape': {
        const t = token as Tokens.Text;
        if (t.tokens?.length) out.push(...inlineRuns(t.tokens, style, numbers));
        else out.push(new TextRun({ text: decodeEntities(t.text), ...style }));
        break;
      }
      case 'strong':
        out.push(...inlineRuns((token as Tokens.Strong).tokens, { ...style, bold: true }, numbers));
        break;
      case 'em':
        out.push(...inlineRuns((token as Tokens.Em).tokens, { ...style, italics: true }, numbers));
        break;
      case 'del':
        out.push(...inlineRuns((token as Tokens.Del).tokens, { ...style, strike: true }, numbers));
        break;
      case 'codespan':
        out.push(new TextRun({ text: decodeEntities((token as Tokens.Codespan).text), ...style, font: 'Consolas' }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const href = safeUrl(link.href);
        const label = inlineRuns(link.tokens, style, numbers);
        if (href && /^https?:/i.test(href)) out.push(new ExternalHyperlink({ link: href, children: label }));
        else out.push(...label);
        break;
      }
      case 'image':
        out.push(new TextRun({ text: `[${(token as Tokens.Image).text}]`, ...style }));
        break;
      case 'citation': {
        // As the deck and the PowerPoint read it; a number links to its entry in the memo's sources.
        const { refs, separator } = citedRefs((token as CitationToken).refs, (id) => numbers.get(id));
        refs.forEach((ref, i) => {
          const text = `${i ? separator : ''}${ref.number ?? '?'}${ref.locator ? `, ${ref.locator}` : ''}`;
          const run = new TextRun({ text, superScript: true });
          out.push(ref.number === undefined ? run : new InternalHyperlink({ anchor: `source-${ref.number}`, children: [run] }));
        });
        break;
      }
      default:
        break; // raw inline HTML is not carried into Word
    }
  }
  return out;
}


/**
 * Word files carry their creation time; the memo's is its as-of date, as the PDF's is,
 * so the same briefs give the same properties whenever they are built.
 */
function fixDates(docx: Uint8Array, asOf: string | undefined): Uint8Array {
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    const when = `${asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : asOf && /^\d{4}-\d{2}$/.test(asOf) ? `${asOf}-01` : asOf ? `${asOf}-01-01` : '2000-01-01'}T00:00:00Z`;
    files['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${when}$2`));
  }
  const fixed = new Date(Date.UTC(2000, 0, 1));
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: fixed, level: 6 }]])));
}
