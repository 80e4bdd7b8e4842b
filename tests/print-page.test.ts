import { describe, expect, it } from 'vitest';
import { marginTemplates } from '../src/export/print-page.js';

describe('the handout marking in the page margins', () => {
  it('prints the marking top and bottom, with page numbers at the bottom', () => {
    const { headerTemplate, footerTemplate } = marginTemplates('CUI//REL TO USA, JPN');
    expect(headerTemplate).toContain('>CUI//REL TO USA, JPN<');
    expect(footerTemplate).toContain('>CUI//REL TO USA, JPN<');
    expect(footerTemplate).toContain('class="pageNumber"');
    // Chrome's margin documents have no font size of their own: without one nothing shows.
    expect(headerTemplate).toMatch(/font:[^;"]*8pt/);
  });

  it('escapes the marking text, so it cannot add markup to the page margins', () => {
    const { headerTemplate } = marginTemplates('<img src=x onerror="alert(1)">');
    expect(headerTemplate).not.toContain('<img');
    expect(headerTemplate).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
  });
});
