import { splitText } from '../../src/chat/render/split';

describe('splitText', () => {
  it('keeps pieces within the limit, cutting at line breaks', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} `.repeat(5)).join('\n');
    const parts = splitText(text, 200);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(200);
    expect(parts.join('\n')).toBe(text);
  });

  it('cuts a single over-long line inside', () => {
    const parts = splitText('x'.repeat(450), 200);
    expect(parts.map((p) => p.length)).toEqual([200, 200, 50]);
  });

  it('returns nothing for empty text', () => {
    expect(splitText('', 10)).toEqual([]);
  });
});
