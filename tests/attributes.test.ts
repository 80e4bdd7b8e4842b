import { describe, expect, it } from 'vitest';
import { parseAttributes, splitTrailingAttributes, type Attributes } from '../src/kernel/attributes.js';

const read = (inside: string) => {
  const attrs = parseAttributes(inside);
  if (typeof attrs === 'string') throw new Error(attrs);
  return { ...attrs, values: Object.fromEntries(attrs.values) };
};

describe('parseAttributes', () => {
  it('reads ids, classes, key=value in every quoting, and flags', () => {
    expect(read(`#bluf .policy .trade layout=bluf audience="principal staff" note='one two' detail=deep backup`)).toEqual({
      id: 'bluf',
      classes: ['policy', 'trade'],
      values: { layout: 'bluf', audience: 'principal staff', note: 'one two', detail: 'deep' },
      flags: ['backup'],
    } satisfies Omit<Attributes, 'values'> & { values: Record<string, string> });
  });

  it('accepts an empty group and extra spaces', () => {
    expect(read('   ')).toEqual({ classes: [], values: {}, flags: [] });
    expect(read('  #a   layout=x  ')).toEqual({ id: 'a', classes: [], values: { layout: 'x' }, flags: [] });
  });

  it('refuses what it cannot read, and a key given twice', () => {
    expect(parseAttributes('layout="unclosed')).toMatch(/cannot read attribute/);
    expect(parseAttributes('layout=a layout=b')).toBe('attribute "layout" is given twice');
    expect(parseAttributes('!')).toMatch(/cannot read attribute "!"/);
  });
});

describe('splitTrailingAttributes', () => {
  it('splits a trailing brace group from the heading text', () => {
    expect(splitTrailingAttributes('Key figures {layout=figures}')).toEqual({ text: 'Key figures', attrs: 'layout=figures' });
    expect(splitTrailingAttributes('Title {#id}  ')).toEqual({ text: 'Title', attrs: '#id' });
  });

  it('leaves text without a trailing group (or with an empty one) alone', () => {
    expect(splitTrailingAttributes('A {b} c')).toEqual({ text: 'A {b} c' });
    expect(splitTrailingAttributes('Empty {}')).toEqual({ text: 'Empty {}' });
    expect(splitTrailingAttributes('Plain')).toEqual({ text: 'Plain' });
  });
});
