import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/corpus';
import { furnitureReason, removeFurniture, stripGluedCredit } from '../../src/corpus/furniture';
import { parseSeed } from '../../src/corpus/seeds';
import { SEEDS, seedFile } from '../helpers';

const FURNITURE = [
  'Skip to main content',
  'Image Credit',
  'Flickr/',
  '©',
  'Shutterstock',
  'Aquir',
  'Are you a security pro',
  'Try our quiz',
  'Send us a correction',
  'news tip',
  'min read',
  'Lance Whitney',
  'Contributing Writer',
  'freelance technology writer',
  'Anthony',
  "Tom's Guide",
  'When not writing',
  'Start the conversation',
  'Please create a username',
  'Send me notifications',
  'Read more on',
  'Asia China hacking security US',
  'Tue 14 Jun 2016',
  'The Stack Archive',
  'jingping obama',
  'Jinping Obama',
  'ever get along in cyberspace? CNET',
];

describe('furniture removal on every seed', () => {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  it.each(files)('%s leaves no page furniture in any sentence', (file) => {
    const raw = parseSeed(file, readFileSync(path.join(SEEDS, file), 'utf8'));
    const corpus = buildCorpus([raw]);
    expect(corpus.sentences.length).toBeGreaterThan(5);
    for (const s of corpus.sentences) {
      for (const f of FURNITURE) expect(s.text.replace(/’/g, "'").toLowerCase()).not.toContain(f.toLowerCase());
    }
    // Sub-heads such as "Working together" are gone as sentences.
    expect(corpus.sentences.map((s) => s.text)).not.toContain('Working together');
    // Content survives: the article's first body paragraph is there.
    expect(corpus.sentences[0].text.length).toBeGreaterThan(40);
  });

  it('a sentence ending in a colon that introduces what follows is content; a label with a colon is not', () => {
    expect(furnitureReason('The committee adopted a definition of cyber theft like the following:', 'T')).toBeUndefined();
    for (const label of ['Related:', 'Read more:', 'Share this story:', 'Tags: cyber, China:']) expect(furnitureReason(label, 'T')).toBeDefined();
  });

  it('cuts a photo credit glued to the next sentence and keeps the sentence', () => {
    expect(stripGluedCredit('America US China - Shutterstock © AquirSpeaking at the press conference, President Obama said so.')).toBe('Speaking at the press conference, President Obama said so.');
  });
});

describe('furniture rules are general (an article they were not written for)', () => {
  const body = [
    'Menu',
    'Cyber pact holds, say officials',
    'By Jane Doe',
    '4 min read',
    'Photo: Reuters',
    'Officials from both countries met in Geneva on Tuesday to review the pact.',
    'Getty Images © John SmithDelegates said the hotline had been used twice.',
    'Jane Doe is a senior reporter covering security and policy.',
    'Sign up for our newsletter to get the news in your inbox.',
    'What do you think? Let us know below!',
    'Topics: security policy China',
  ].join('\n');

  it('keeps only the content sentences', () => {
    const paragraphs = removeFurniture(body, 'Cyber pact holds, say officials');
    expect(paragraphs).toEqual(['Officials from both countries met in Geneva on Tuesday to review the pact.', 'Delegates said the hotline had been used twice.']);
  });

  it('says why a paragraph is furniture', () => {
    expect(furnitureReason('2 min read', '')).toMatch(/not a sentence/);
    expect(furnitureReason('Lance Whitney is a freelance technology writer and trainer.', '')).toBe('author bio');
    expect(furnitureReason('Please create a username to comment.', '')).toBe('call to action');
    expect(furnitureReason('Are you a security pro? Try our quiz!', '')).toBe('addresses the reader');
    expect(furnitureReason('The two countries agreed to share information.', '')).toBeUndefined();
  });

  it('keeps a long paragraph of prose whose last full stop was lost, but not a long sub-head', () => {
    const prose =
      'The new dean served from 1946 to 1952. His years were devoted to raising academic standards and reshaping the administration to suit an enlarged mission, ' +
      'and enrollment grew by more than half while graduate enrollment grew fivefold. He also founded two institutes that continue today and are vital to its research';
    expect(furnitureReason(prose, '')).toBeUndefined();
    const dek =
      'The US and China are to set up a working group on cyber security to combat attacks on businesses and government departments across both countries and their allies in Asia, after years of accusations of hacking, theft of trade secrets and espionage by state-backed groups on both sides';
    expect(dek.split(' ').length).toBeGreaterThan(40);
    expect(furnitureReason(dek, '')).toMatch(/not a sentence/);
  });

  it('a new seed file with furniture loads clean', () => {
    const raw = parseSeed('new.txt', seedFile('Cyber pact holds, say officials', body));
    const c = buildCorpus([raw]);
    expect(c.sentences.map((s) => s.text)).toEqual(['Officials from both countries met in Geneva on Tuesday to review the pact.', 'Delegates said the hotline had been used twice.']);
  });
});
