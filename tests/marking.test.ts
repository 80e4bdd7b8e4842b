import { describe, expect, it } from 'vitest';
import { aboveCeiling, bannerText, formatMarking, highestMarking, parseMarking, portionMark, type Marking } from '../src/load/marking.js';

const parse = (text: string): Marking => {
  const m = parseMarking(text);
  if (typeof m === 'string') throw new Error(m);
  return m;
};

describe('parseMarking', () => {
  it.each([
    ['UNCLASSIFIED', 'UNCLASSIFIED'],
    ['unclassified', 'UNCLASSIFIED'],
    ['U', 'UNCLASSIFIED'],
    ['cui', 'CUI'],
    ['TS', 'TOP SECRET'],
    ['top  secret', 'TOP SECRET'],
    ['tlp:amber+strict', 'TLP:AMBER+STRICT'],
    ['TLP: GREEN', 'TLP:GREEN'],
    ['UNCLASSIFIED//REL TO JPN, USA', 'UNCLASSIFIED//REL TO USA, JPN'],
    ['u//rel to kor,jpn,usa,aus', 'UNCLASSIFIED//REL TO USA, AUS, JPN, KOR'],
    ['REL TO NATO, GBR, USA', 'REL TO USA, GBR, NATO'],
    ['TLP:CLEAR//UNCLASSIFIED', 'UNCLASSIFIED//TLP:CLEAR'],
    ['CUI // REL TO USA, JPN // TLP:AMBER', 'CUI//REL TO USA, JPN//TLP:AMBER'],
  ])('normalises %j to %j', (text, canonical) => {
    expect(formatMarking(parse(text))).toBe(canonical);
  });

  it('always puts USA first in a REL TO list, adding it when missing', () => {
    expect(parse('REL TO JPN').relTo).toEqual(['USA', 'JPN']);
  });

  it.each([
    ['', /not a marking/],
    ['UNCLASSIFIED//', /none may be empty/],
    ['SECERT', /unknown part "SECERT"/],
    ['TLP:WHITE', /TLP:WHITE became TLP:CLEAR/],
    ['TLP:ORANGE', /unknown TLP label/],
    ['UNCLASSIFIED//REL TO USA, JAP', /"JAP" is not an ISO 3166 country trigraph/],
    ['UNCLASSIFIED//REL TO USA, Japan', /"JAPAN" is not an ISO 3166/],
    ['SECRET//CUI', /two classifications/],
    ['TLP:RED//TLP:GREEN', /two TLP labels/],
  ])('rejects %j', (text, message) => {
    const m = parseMarking(text);
    expect(typeof m).toBe('string');
    expect(m).toMatch(message);
  });

  it('round-trips every canonical form', () => {
    for (const text of ['SECRET//REL TO USA, AUS, GBR', 'TLP:RED', 'CONFIDENTIAL//TLP:AMBER']) {
      expect(formatMarking(parse(formatMarking(parse(text))))).toBe(text);
    }
  });
});

describe('banner and portion marks', () => {
  it('writes the banner without the TLP label, which sits apart', () => {
    expect(bannerText(parse('UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN'))).toBe('UNCLASSIFIED//REL TO USA, JPN');
  });

  it.each([
    ['UNCLASSIFIED', '(U)'],
    ['CUI', '(CUI)'],
    ['SECRET//REL TO USA, JPN', '(S//REL TO USA, JPN)'],
    ['TLP:GREEN', '(TLP:GREEN)'],
  ])('marks a %j portion as %j', (text, mark) => {
    expect(portionMark(parse(text))).toBe(mark);
  });
});

describe('highestMarking', () => {
  it('takes the highest classification and TLP label, and only countries every list allows', () => {
    const top = highestMarking([parse('U//REL TO USA, JPN, AUS'), parse('CUI//TLP:GREEN'), parse('U//REL TO USA, JPN//TLP:AMBER')]);
    expect(formatMarking(top)).toBe('CUI//REL TO USA, JPN//TLP:AMBER');
  });

  it('leaves out what no marking has', () => {
    expect(highestMarking([parse('U'), parse('U')])).toEqual({ classification: 'UNCLASSIFIED' });
  });
});

describe('aboveCeiling', () => {
  const partner = parse('UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN');
  it('lets through what is at or below the ceiling', () => {
    expect(aboveCeiling(parse('U'), partner)).toBeUndefined();
    expect(aboveCeiling(parse('U//REL TO USA, JPN, AUS//TLP:CLEAR'), partner)).toBeUndefined();
  });
  it('stops a higher classification or TLP label', () => {
    expect(aboveCeiling(parse('CUI'), partner)).toMatch(/CUI, above the ceiling UNCLASSIFIED/);
    expect(aboveCeiling(parse('TLP:AMBER'), partner)).toMatch(/TLP:AMBER, above the ceiling TLP:GREEN/);
  });
  it('stops a slide not releasable to every country in the room', () => {
    expect(aboveCeiling(parse('U//REL TO USA, AUS'), partner)).toBe('releasable to USA, AUS only, not JPN');
  });
});
