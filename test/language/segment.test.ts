import { segment } from '../../src/language/segment';

describe('segment', () => {
  it('keeps "the U.S. Justice department … based in U.S." as one sentence and starts the next after it', () => {
    const s = segment(
      "Then in 2014, the U.S. Justice department charged five members of People's Liberation Army with stealing trade secrets from companies based in U.S. It is commonly believed by many security experts that the government sanctioned it.",
    );
    expect(s).toEqual([
      "Then in 2014, the U.S. Justice department charged five members of People's Liberation Army with stealing trade secrets from companies based in U.S.",
      'It is commonly believed by many security experts that the government sanctioned it.',
    ]);
  });

  it('does not split after "Washington D.C." inside a sentence', () => {
    const s = segment('Officials were present for the agreement that was held in Washington D.C. and both countries plan to meet again in Beijing.');
    expect(s).toHaveLength(1);
  });

  it('keeps a quotation with its attribution ("said Mr Xi")', () => {
    const s = segment('He spoke at length. “Confrontation and friction are not the right choice for both sides,” said Mr Xi. The talks ended.');
    expect(s).toEqual(['He spoke at length.', '“Confrontation and friction are not the right choice for both sides,” said Mr Xi.', 'The talks ended.']);
  });

  it('keeps dashes and initials inside sentences', () => {
    const s = segment('Cyber attacks were rated one of the top four threats – alongside terrorism – by J. R. Smith of the U.K. government. A second sentence follows.');
    expect(s).toHaveLength(2);
    expect(s[0]).toContain('– alongside terrorism –');
  });

  it('treats each line as its own paragraph', () => {
    expect(segment('A headline without a stop\nThe first sentence.')).toEqual(['A headline without a stop', 'The first sentence.']);
  });
});

describe('titles before names', () => {
  it('"Fr.", "Rev." and the like end no sentence', () => {
    expect(segment('It was built under the direction of Fr. Zahm, and it grew. The Rev. John Jenkins is president.')).toEqual([
      'It was built under the direction of Fr. Zahm, and it grew.',
      'The Rev. John Jenkins is president.',
    ]);
  });

  it('nor does a stop the text goes on from in lower case: an abbreviation, a title, a bracketed note', () => {
    expect(segment('A professional Master of Divinity (M.Div.) program also exists. The movie Airplane! parodied it. Its most recent[when?] capital campaign raised $1 billion.')).toEqual([
      'A professional Master of Divinity (M.Div.) program also exists.',
      'The movie Airplane! parodied it.',
      'Its most recent[when?] capital campaign raised $1 billion.',
    ]);
  });

  it('a full stop inside a word ("CBSSports.com") ends no sentence', () => {
    expect(segment('CBS streamed the game via CBSSports.com, and on tablets. Verizon had the phones.')).toEqual([
      'CBS streamed the game via CBSSports.com, and on tablets.',
      'Verizon had the phones.',
    ]);
  });
});
