import type { PlaceholderProps, Pptx, SlideMasterProps, SlideNumberProps } from './pptx-types.js';
import { bannerText, type Marking } from '../../load/marking.js';
import type { PlannedDeck } from '../../model.js';
import { bannerColours, bodyHeight, frame, pt, px, slideHeight, slideWidth, tlpColours, type PptxTheme } from './theme.js';

/**
 * The slide masters (PowerPoint "layouts") every slide is placed on. Markings, footer,
 * slide number and the draft watermark live here, so they are on every slide, survive
 * editing, and are on any slide a user adds from the Home > New Slide menu.
 */
export const masters = {
  title: 'Briefdeck Title',
  section: 'Briefdeck Section',
  content: 'Briefdeck Title and Content',
  titleOnly: 'Briefdeck Title Only',
} as const;

type MasterObject = NonNullable<SlideMasterProps['objects']>[number];

export function defineMasters(pptx: Pptx, plan: PlannedDeck, theme: PptxTheme): void {
  const chrome = [...markingObjects(plan.marking, theme), ...draftObjects(plan, theme)];
  const footer = footerObjects(plan, theme);
  const slideNumber: SlideNumberProps = {
    x: slideWidth - frame.left - 1.2, y: frame.footerTop, w: 1.2, h: frame.footerHeight,
    fontFace: theme.font, fontSize: pt(22), color: theme.muted, align: 'right', valign: 'middle', bold: true,
  } as SlideNumberProps;
  const title = (extra: Partial<PlaceholderProps> = {}): MasterObject => ({
    placeholder: {
      options: {
        name: 'title', type: 'title', x: frame.left, y: frame.titleTop, w: frame.width, h: frame.titleHeight,
        fontFace: theme.font, fontSize: pt(64), bold: true, color: theme.navy, align: 'left', valign: 'bottom', margin: 0, ...extra,
      },
      text: '',
    },
  });
  const headerRule: MasterObject = { line: { x: frame.left, y: frame.ruleTop, w: frame.width, h: 0, line: { color: theme.navy, width: 1.5 } } };

  pptx.defineSlideMaster({
    title: masters.content,
    background: { color: theme.paper },
    objects: [
      ...chrome, ...footer, headerRule, title(),
      {
        placeholder: {
          options: { name: 'body', type: 'body', x: frame.left, y: frame.bodyTop, w: frame.width, h: bodyHeight, fontFace: theme.font, fontSize: pt(40), color: theme.ink, align: 'left', valign: 'top' },
          text: '',
        },
      },
    ],
    slideNumber,
  });
  pptx.defineSlideMaster({ title: masters.titleOnly, background: { color: theme.paper }, objects: [...chrome, ...footer, headerRule, title()], slideNumber });
  pptx.defineSlideMaster({
    title: masters.title,
    background: { color: theme.paper },
    objects: [
      { rect: { x: 0, y: frame.banner, w: px(24), h: slideHeight - 2 * frame.banner, fill: { color: theme.navy }, line: { type: 'none' } } },
      ...chrome,
      ...footer,
      title({ x: px(140), y: px(330), w: px(1560), h: px(250), fontSize: pt(88), valign: 'middle' }),
    ],
    slideNumber,
  });
  pptx.defineSlideMaster({
    title: masters.section,
    background: { color: theme.paper },
    objects: [
      { rect: { x: 0, y: frame.banner, w: slideWidth, h: frame.footerTop - frame.banner, fill: { color: theme.navy }, line: { type: 'none' } } },
      ...chrome,
      ...footer,
      title({ x: px(140), y: px(380), w: px(1640), h: px(220), fontSize: pt(84), color: 'FFFFFF', valign: 'middle' }),
    ],
    slideNumber,
  });
}

/** Banner top and bottom: the classification centred in its colour, the TLP label right on black. */
function markingObjects(marking: Marking | undefined, theme: PptxTheme): MasterObject[] {
  if (!marking) return [];
  const text = bannerText(marking);
  const colours = marking.classification ? bannerColours[marking.classification]! : { fill: '000000', text: 'FFFFFF' };
  const tlpWidth = px(24 * 2) + (marking.tlp ? marking.tlp.length * 0.115 : 0);
  const objects: MasterObject[] = [];
  for (const y of [0, slideHeight - frame.banner]) {
    const name = y === 0 ? 'Marking top' : 'Marking bottom';
    objects.push({ rect: { x: 0, y, w: slideWidth, h: frame.banner, fill: { color: colours.fill }, line: { type: 'none' } } });
    if (text) {
      objects.push({
        text: {
          text,
          options: { x: tlpWidth, y, w: slideWidth - 2 * tlpWidth, h: frame.banner, objectName: name, fontFace: theme.font, fontSize: pt(24), bold: true, color: colours.text, align: 'center', valign: 'middle', charSpacing: 1.5, margin: 0 },
        },
      });
    }
    if (marking.tlp) {
      objects.push({
        text: {
          text: marking.tlp,
          options: {
            x: slideWidth - tlpWidth, y, w: tlpWidth, h: frame.banner, objectName: `${name} TLP`, fill: { color: '000000' },
            fontFace: theme.font, fontSize: pt(24), bold: true, color: tlpColours[marking.tlp] ?? 'FFFFFF', align: 'center', valign: 'middle', charSpacing: 1, margin: 0,
          },
        },
      });
    }
  }
  return objects;
}

/** The footer line and its text: the deck's short title and as-of date. */
function footerObjects(plan: PlannedDeck, theme: PptxTheme): MasterObject[] {
  const text = `${plan.info.shortTitle}${plan.info.date ? ` \u00b7 as of ${plan.info.date}` : ''}`;
  return [
    { line: { x: 0, y: frame.footerTop, w: slideWidth, h: 0, line: { color: theme.rule, width: 0.75 } } },
    {
      text: {
        text,
        options: { x: frame.left, y: frame.footerTop, w: frame.width - 2.6, h: frame.footerHeight, objectName: 'Footer', fontFace: theme.font, fontSize: pt(22), color: theme.muted, valign: 'middle', margin: 0 },
      },
    },
  ];
}

/** `status: draft`: DRAFT across every slide, faint, behind nothing a reader needs. */
function draftObjects(plan: PlannedDeck, theme: PptxTheme): MasterObject[] {
  if (plan.info.status !== 'draft') return [];
  return [
    {
      text: {
        text: 'DRAFT',
        options: { x: 1.5, y: 2.2, w: slideWidth - 3, h: 3.1, objectName: 'Draft watermark', rotate: -24, fontFace: theme.font, fontSize: 160, bold: true, color: 'A01E1E', transparency: 88, align: 'center', valign: 'middle', charSpacing: 12 },
      },
    },
  ];
}
