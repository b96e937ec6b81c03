import { acronymTerm, askedAcronym, definedAcronyms } from '../../src/language/acronyms';
import { DEFAULT_LEXICON } from '../../src/language/lexicon';

const asks = DEFAULT_LEXICON.asksAcronym.question;

describe('acronyms a text defines', () => {
  it('a capitalised name whose initials spell the letters in brackets after it', () => {
    expect(definedAcronyms('They are members of the National Collegiate Athletic Association (NCAA) Division I.')).toEqual(['ncaa']);
    expect(definedAcronyms('The American Football Conference (AFC) champion beat the National Football Conference (NFC) champion.')).toEqual(['afc', 'nfc']);
  });

  it('skips small words inside the name and reads each part of a hyphenated one', () => {
    expect(definedAcronyms('The Knights of Columbus (KofC) met.')).toEqual(['kofc']);
    expect(definedAcronyms('the Department of Homeland Security (DHS) said')).toEqual(['dhs']);
    expect(definedAcronyms('at the Mercedes-Benz Superdome (MBS) in')).toEqual(['mbs']);
  });

  it('not letters that the words before them do not spell, nor a bracketed word', () => {
    expect(definedAcronyms('The team (NFL) won.')).toEqual([]);
    expect(definedAcronyms('a drug called aspirin (ASA) helps')).toEqual([]);
    expect(definedAcronyms('Notre Dame (Indiana) is old.')).toEqual([]);
    expect(definedAcronyms('No brackets here, NCAA.')).toEqual([]);
  });

  it('names the defining sentence by one term', () => {
    expect(acronymTerm('NCAA')).toBe('@acronym:ncaa');
  });
});

describe('a question asking what an acronym stands for', () => {
  it('gives the acronym as written', () => {
    expect(askedAcronym('What does the acronym NCAA stand for?', asks)).toBe('NCAA');
    expect(askedAcronym('What is the AFC short for?', asks)).toBe('AFC');
    expect(askedAcronym('what does MVP mean', asks)).toBe('MVP');
  });

  it('not when the question asks something else, or names no single acronym', () => {
    expect(askedAcronym('Who won the AFC title?', asks)).toBeUndefined();
    expect(askedAcronym('what does the acronym stand for', asks)).toBeUndefined();
    expect(askedAcronym('Do the AFC and NFC stand for anything?', asks)).toBeUndefined();
  });
});
