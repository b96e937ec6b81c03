import { decodeSentences, encodeSentences } from '../../src/corpus/columns';
import { seedBriefing } from '../helpers';

describe('sentences stored by column', () => {
  const tablesOf = async () => {
    const b = await seedBriefing();
    const terms = [...b.index.terms()];
    return { sentences: b.corpus.sentences, tables: { articles: b.corpus.articles.map((a) => a.id), terms } };
  };

  it('read back as the sentences written (text, terms, answers, places)', async () => {
    const { sentences, tables } = await tablesOf();
    const { buffer, answers } = encodeSentences(sentences, tables);
    const back = decodeSentences(buffer, { ...tables, answers })!;
    expect(back).toHaveLength(sentences.length);
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(sentences)));
    const i = sentences.findIndex((s) => s.answers.date.length && /[“’—]/.test(s.text));
    expect(back[i].text).toBe(sentences[i].text);
    expect(back[i].answers).toEqual(sentences[i].answers);
  });

  it('a buffer cut short, of another format or naming strings outside its tables is refused', async () => {
    const { sentences, tables } = await tablesOf();
    const { buffer, answers } = encodeSentences(sentences, tables);
    expect(decodeSentences(buffer.subarray(0, buffer.length - 1), { ...tables, answers })).toBeUndefined();
    const other = Buffer.from(buffer);
    other.writeUInt32LE(0, 0);
    expect(decodeSentences(other, { ...tables, answers })).toBeUndefined();
    expect(decodeSentences(buffer, { ...tables, answers: answers.slice(0, 1) })).toBeUndefined();
    expect(decodeSentences(buffer, { ...tables, terms: tables.terms.slice(0, 10), answers })).toBeUndefined();
  });

  it('a term missing from the table is a bug, said at once', async () => {
    const { sentences, tables } = await tablesOf();
    expect(() => encodeSentences(sentences, { ...tables, terms: [] })).toThrow(/term outside the table/);
  });

  it('keeps any text exactly: empty terms and answers, accents, dashes, emoji beyond the basic plane', () => {
    const answers = { name: [], place: [], date: [], number: [], cause: [] };
    const sentences = [
      { idx: 0, articleId: 'a', position: 0, paragraph: 0, text: 'Zhōu said “no” — 😀 𝔘𝔖 ✓', terms: [], answers },
      { idx: 1, articleId: 'b', position: 0, paragraph: 3, text: 'Plain text.', terms: ['plain', 'text'], answers: { ...answers, name: ['zhou'], date: ['2015'] } },
    ];
    const tables = { articles: ['a', 'b'], terms: ['text', 'plain'] };
    const { buffer, answers: table } = encodeSentences(sentences, tables);
    const back = decodeSentences(buffer, { ...tables, answers: table })!;
    expect(JSON.parse(JSON.stringify(back))).toEqual(sentences);
  });
});
