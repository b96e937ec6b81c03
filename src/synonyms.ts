/**
 * A small thesaurus of the vocabulary news about cyber diplomacy uses for the
 * same thing. A query word also matches its group's other words, at a lower
 * weight than itself. Groups are word lists, turned into search terms on load.
 */
import { termOf } from './text';

const GROUPS: string[][] = [
  ['attend', 'attended', 'attendance', 'attendee', 'attendees', 'participant', 'present', 'presence', 'participate', 'participated', 'participation', 'joined', 'involved', 'involving'],
  ['meeting', 'meet', 'met', 'talks', 'round', 'dialogue', 'conference', 'summit', 'discussion', 'discussions', 'session', 'negotiation'],
  ['agreement', 'agree', 'agreed', 'deal', 'pact', 'accord', 'commitment', 'committed', 'pledge', 'pledged', 'treaty'],
  ['say', 'said', 'says', 'statement', 'told', 'remarks', 'added', 'noted', 'claimed', 'announced', 'stated'],
  ['withdraw', 'withdrew', 'withdrawn', 'cancel', 'cancelled', 'absent', 'skipped', 'pulled'],
  ['hack', 'hacking', 'hacker', 'hackers', 'cyberattack', 'cyberattacks', 'attack', 'attacks', 'intrusion', 'intrusions', 'breach'],
  ['espionage', 'spying', 'spy', 'spies'],
  ['theft', 'steal', 'stealing', 'stolen', 'stole'],
  ['cost', 'costs', 'damage', 'damages', 'loss', 'losses', 'lost'],
  ['visit', 'visited', 'trip', 'tour', 'travelled', 'traveled'],
  ['sanction', 'sanctions', 'penalty', 'penalties', 'punish', 'punishment', 'retaliation'],
  ['deny', 'denied', 'denies', 'denial', 'rejected', 'refuted', 'admit', 'admitted', 'acknowledge', 'confess'],
  ['begin', 'began', 'begun', 'start', 'started', 'rise', 'arose'],
  ['cooperate', 'cooperation', 'collaborate', 'collaboration', 'partnership', 'together'],
  ['investigate', 'investigation', 'investigating', 'probe', 'inquiry'],
  ['hotline', 'phone', 'line'],
  ['exercise', 'drill', 'simulation'],
  ['report', 'study', 'findings', 'research', 'paper'],
  ['charge', 'charged', 'indict', 'indicted', 'accuse', 'accused', 'accusation', 'accusations', 'allege', 'alleged', 'allegation', 'allegations', 'prosecute', 'prosecuted'],
  ['sign', 'signed', 'enact', 'enacted', 'issued'],
  ['official', 'officials', 'leader', 'leaders', 'representative', 'representatives', 'delegate', 'delegates', 'diplomat', 'diplomats'],
  ['military', 'army', 'armed'],
  ['company', 'companies', 'firm', 'firms', 'business', 'businesses', 'corporation', 'corporate'],
  ['country', 'countries', 'nation', 'nations'],
  ['often', 'frequently', 'frequency', 'regularly', 'semi-annual', 'annual', 'yearly'],
  ['data', 'information', 'records'],
  ['compromise', 'compromised', 'exposed', 'leaked', 'leak'],
  ['norm', 'norms', 'rules', 'standards', 'conduct'],
  ['reduce', 'lower', 'decline', 'decrease', 'ease', 'easing'],
  ['tension', 'tensions', 'strain', 'strained', 'friction', 'confrontation', 'dispute', 'conflict'],
  ['relations', 'relationship', 'ties'],
  ['threat', 'threats', 'risk', 'risks', 'danger'],
  ['employee', 'employees', 'workers', 'staff'],
  ['ambassador', 'envoy'],
  ['economic', 'commercial', 'trade'],
  ['plan', 'plans', 'planned', 'scheduled', 'intend', 'expected'],
  ['again', 'next', 'future', 'follow-up', 'subsequent'],
  ['cybercrime', 'cybercrimes', 'cybercriminals', 'crime', 'criminal'],
  ['stop', 'end', 'halt', 'cease'],
  ['establish', 'create', 'form', 'launch'],
  ['accelerate', 'faster', 'quickly'],
  ['purpose', 'aim', 'aimed', 'goal', 'objective', 'co-ordinate', 'coordinate'],
  ['success', 'successful', 'succeeded', 'achievement'],
  ['hurt', 'harm', 'harmed', 'damaged'],
  ['president', 'presidents'],
  ['secretary', 'minister'],
  ['share', 'sharing', 'exchange'],
  ['working', 'work', 'works'],
  ['group', 'team', 'unit', 'mechanism'],
  ['held', 'hold', 'hosted', 'venue'],
  ['respond', 'response', 'responded', 'reply', 'replied', 'reaction', 'reacted'],
  // Countries and their adjectives.
  ['china', 'chinese'],
  ['usa', 'american', 'america', 'americans'],
  ['uk', 'british', 'britain'],
];

let table: Map<string, Set<string>> | undefined;

function build(): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const g of GROUPS) {
    const terms = [...new Set(g.map((w) => termOf(w.replace(/-/g, ''))))];
    for (const t of terms) {
      const set = m.get(t) ?? new Set<string>();
      for (const u of terms) if (u !== t) set.add(u);
      m.set(t, set);
    }
  }
  return m;
}

/** Terms related to a term (not including itself). */
export function relatedTerms(term: string): string[] {
  table ??= build();
  return [...(table.get(term) ?? [])];
}

/** Is the term one of the words for attending or taking part? */
export function isAttendanceTerm(term: string): boolean {
  const t = termOf('attend');
  return term === t || relatedTerms(t).includes(term);
}
