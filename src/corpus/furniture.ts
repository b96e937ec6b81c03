/**
 * Page furniture removal: general rules about what a paragraph of page chrome
 * looks like, not lists of lines per file.
 *
 * A paragraph (one line of the seed file) is furniture when it
 * - does not end like a sentence (headlines, sub-heads, captions, bylines,
 *   tag lines, datelines, "2 min read", navigation such as "Skip to main content"),
 *   unless it is prose that lost its last full stop: longer than any heading
 *   (PROSE_WORDS) and holding a whole sentence before its end;
 * - repeats the article's title;
 * - is an author bio (someone "is a … writer/editor/journalist", "has written for", "when not writing");
 * - addresses the reader in a short line ("Are you a security pro? Try our quiz!")
 *   or opens with a call to action ("Send us a correction", "Please create a username").
 * A photo credit glued to the next sentence ("© AquirSpeaking at the…") is cut off
 * at the credit, keeping the sentence.
 */
import { foldTypography } from '../language/text';

const TERMINAL = /[.!?…]["'”’)\]]*$/;
const CREDIT = /^[^.!?]*?(?:©|\([cC]\)|\b(?:[Ii]mage|[Pp]hoto|[Pp]icture)\s+[Cc]redit\s*:?)\s*(?:[^\s.!?]+\s+){0,2}?[^\s.!?]+?(?=[A-Z][a-z])/;
const CREDIT_ANYWHERE = /©|\b(?:image|photo|picture)\s+credit\b|\bshutterstock\b|\bgetty images\b/i;
const BIO =
  /\b(?:is|was|has been)\s+(?:now\s+)?(?:a|an|the|our)\s+(?:[\w-]+\s+){0,5}?(?:writer|editor|journalist|reporter|correspondent|columnist|contributor|blogger)\b|\b(?:has|have|he's|she's|they've)\s+written\s+for\b|\bwhen\s+(?:he|she|they)?\s*(?:is|are|'s)?\s*not\s+writing\b|\bgetting\s+(?:his|her|their)\s+start\s+at\b|\bauthor of\s+(?:two|three|several|\d+)\b/i;
const CALL_TO_ACTION =
  /^(?:please\b|send\s+(?:us|me)\b|sign\s+up\b|subscribe\b|try\s+our\b|click\b|read\s+more\b|share\s+this\b|follow\s+us\b|join\s+(?:us|the\s+conversation)\b|start\s+the\s+conversation\b|leave\s+a\s+comment\b|log\s+in\b|register\b|download\b)/i;
const READER = /\b(?:you|your|yours)\b/i;
const BYLINE = /^by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\.?$/;

export const SHORT_PARAGRAPH_WORDS = 16;
/** A paragraph this long with a sentence end inside it is prose, whether or not its last sentence has its full stop. */
export const PROSE_WORDS = 40;
/** A sentence end followed by the next sentence's capital. */
const INNER_SENTENCE_END = /[a-z0-9)\]"'”’][.!?]["'”’)]?\s+["'“‘(]?[A-Z]/;

/** Words before a colon that make a sentence introducing what follows ("…a definition like the following:"), not a label ("Related:", "Read more:"). */
export const INTRODUCTION_WORDS = 6;

/** A sentence that ends in a colon to introduce a list, a quotation or a definition. */
function introduces(p: string): boolean {
  return /:\s*$/.test(p) && wordCount(p) >= INTRODUCTION_WORDS && /[a-z]/.test(p);
}

export function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** Why a paragraph is furniture, or undefined when it is content. */
export function furnitureReason(paragraph: string, title: string): string | undefined {
  const p = foldTypography(paragraph);
  if (!p) return 'empty';
  if (!TERMINAL.test(p) && !introduces(p) && !(wordCount(p) > PROSE_WORDS && INNER_SENTENCE_END.test(p))) return 'not a sentence (heading, caption, byline, tags or navigation)';
  if (title && p.replace(/[.!?]+$/, '').toLowerCase() === foldTypography(title).toLowerCase()) return 'repeats the title';
  if (BYLINE.test(p)) return 'byline';
  if (BIO.test(p)) return 'author bio';
  if (CALL_TO_ACTION.test(p)) return 'call to action';
  if (wordCount(p) <= SHORT_PARAGRAPH_WORDS && READER.test(p) && !/^["'“‘]/.test(p)) return 'addresses the reader';
  if (CREDIT_ANYWHERE.test(p) && !CREDIT.test(p)) return 'photo credit';
  return undefined;
}

/** Cut a photo caption and credit glued to the front of a sentence. */
export function stripGluedCredit(paragraph: string): string {
  return paragraph.replace(CREDIT, '').trim();
}

/** Paragraphs of content left after furniture removal, in order. */
export function removeFurniture(body: string, title: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of body.split('\n')) {
    const raw = line.trim();
    if (!raw) continue;
    const p = stripGluedCredit(raw);
    if (furnitureReason(p, title) !== undefined) continue;
    const key = foldTypography(p).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** A single sentence that is furniture even inside a content paragraph. */
export function isFurnitureSentence(sentence: string): boolean {
  const s = foldTypography(sentence);
  return CALL_TO_ACTION.test(s) && READER.test(s) ? true : CALL_TO_ACTION.test(s) && wordCount(s) <= 8;
}
