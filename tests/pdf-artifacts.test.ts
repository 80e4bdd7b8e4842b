import { describe, expect, it } from 'vitest';
import { operations, wrapUntagged } from '../src/export/pdf-artifacts.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const wrap = (s: string) => dec(wrapUntagged(enc(s)));

/** The operators of a content stream, in order (markers included). */
const ops = (s: string) => operations(enc(s))!.map((o) => o.operator);

describe('marking untagged drawings as artifacts', () => {
  it('wraps a background rectangle and an untagged text object, and leaves tagged content alone', () => {
    const out = wrap('q 1 1 1 rg 0 0 10 10 re f Q\n/P <</MCID 0 >>BDC\nBT /F1 12 Tf (Tagged) Tj ET\nEMC\nBT /F1 8 Tf (1 / 16) Tj ET\n');
    expect(ops(out)).toEqual(['q', 'rg', 'BMC', 're', 'f', 'Q', 'EMC', 'BDC', 'BT', 'Tf', 'Tj', 'ET', 'EMC', 'BT', 'Tf', 'BMC', 'Tj', 'EMC', 'ET']);
    expect(out).toContain('/Artifact BMC\n0 0 10 10 re f');
    expect(out).toContain('/P <</MCID 0 >>BDC\nBT /F1 12 Tf (Tagged) Tj ET\nEMC');
  });

  it('never puts a marker inside a path, and closes an artifact before tagged content starts', () => {
    const out = wrap('0 0 m 5 5 l S\n/Span <</MCID 1 >>BDC 0 0 1 1 re f EMC');
    expect(ops(out)).toEqual(['BMC', 'm', 'l', 'S', 'EMC', 'BDC', 're', 'f', 'EMC']);
  });

  it('opens and closes an artifact inside the same text object', () => {
    const out = ops(wrap('BT (a) Tj /P <</MCID 2 >>BDC (b) Tj EMC (c) Tj ET'));
    expect(out).toEqual(['BT', 'BMC', 'Tj', 'EMC', 'BDC', 'Tj', 'EMC', 'BMC', 'Tj', 'EMC', 'ET']);
  });

  it('does not wrap a clipping path (nothing is drawn) or graphics state alone', () => {
    expect(wrap('q 0 0 10 10 re W n 1 0 0 rg Q')).toBe('q 0 0 10 10 re W n 1 0 0 rg Q');
  });

  it('reads strings with parentheses, escapes and delimiters without mistaking them for operators', () => {
    expect(ops('BT (a (nested) \\) BT) Tj <48656c6c6f> Tj [(x) 5 (y)] TJ /Name <</K [1 2]>> BDC EMC ET')).toEqual(['BT', 'Tj', 'Tj', 'TJ', 'BDC', 'EMC', 'ET']);
  });

  it('leaves a stream with an inline image as it is', () => {
    expect(wrapUntagged(enc('BI /W 1 /H 1 ID \x00 EI'))).toBeUndefined();
  });
});
