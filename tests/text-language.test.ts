import { describe, expect, it } from 'vitest';
import { languageOf, markLanguages } from '../src/render/html/text-language.js';

describe('marking CJK text with its language', () => {
  it('wraps Japanese runs in an English deck, leaving the English around them', () => {
    expect(markLanguages('<p>Revised treaty (日米安全保障条約) of 1960</p>', 'en')).toBe('<p>Revised treaty (<span lang="ja">日米安全保障条約</span>) of 1960</p>');
    expect(markLanguages('<li>日本語の箇条書きも表示されます</li>', 'en-GB')).toBe('<li><span lang="ja">日本語の箇条書きも表示されます</span></li>');
  });

  it('keeps CJK punctuation and the long-vowel mark inside the run', () => {
    expect(markLanguages('<p>「コーヒー」です。</p>', 'en')).toBe('<p>「<span lang="ja">コーヒー」です。</span></p>');
  });

  it('tells Korean from Japanese', () => {
    expect(languageOf('한미동맹')).toBe('ko');
    expect(languageOf('日米同盟')).toBe('ja');
    expect(markLanguages('<p>한미동맹</p>', 'en')).toBe('<p><span lang="ko">한미동맹</span></p>');
  });

  it('leaves text in the deck\'s own language alone', () => {
    expect(markLanguages('<p>日米同盟</p>', 'ja')).toBe('<p>日米同盟</p>');
  });

  it('touches only text: not attributes, the title, scripts or styles', () => {
    const page = '<title>日米</title><img alt="日米同盟の図"><script>const s = "日米";</script><style>/* 日米 */</style><p>日米</p>';
    expect(markLanguages(page, 'en')).toBe('<title>日米</title><img alt="日米同盟の図"><script>const s = "日米";</script><style>/* 日米 */</style><p><span lang="ja">日米</span></p>');
  });
});
