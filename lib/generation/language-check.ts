/**
 * A cheap check that a post is in the language the blogger asked for: by writing system, and for
 * Latin-script languages by their most common short words. It says 'mismatch' only on clear
 * evidence, so a post with a few foreign words or English tech terms still passes.
 */
import { countWords } from './post';

export type LanguageCheck = 'match' | 'mismatch' | 'unknown';

/** Writing systems as this check groups them: Chinese and Japanese share 'cjk' (Han and kana). */
type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'devanagari' | 'cjk' | 'hangul';

interface Language { code: string; script: Script; names: string[]; stopwords?: string }

const LANGUAGES: Language[] = [
  { code: 'en', script: 'latin', names: ['english', 'eng', 'englisch', 'anglais', 'ingles', 'inglese'],
    stopwords: 'the a and of to is are that this with for you your it on be by from can or which have will not an' },
  { code: 'de', script: 'latin', names: ['german', 'deutsch', 'ger', 'deu', 'allemand', 'aleman', 'tedesco'],
    stopwords: 'der die das und ist nicht mit den dem ein eine sich auch auf für von zu wird werden oder wenn wie bei aus dass sind kann' },
  { code: 'fr', script: 'latin', names: ['french', 'francais', 'fra', 'fre', 'franzosisch', 'frances'],
    stopwords: 'le la les des est et une un du que qui dans pour pas sur avec ce cette sont vous nous au aux il plus par mais ou' },
  { code: 'es', script: 'latin', names: ['spanish', 'espanol', 'castellano', 'spa', 'spanisch', 'espagnol'],
    stopwords: 'el la los las de del que y en es un una por para con se su sus lo como más pero está son al este esta' },
  { code: 'it', script: 'latin', names: ['italian', 'italiano', 'ita', 'italienisch', 'italien'],
    stopwords: 'il lo la gli le di che è e un una per con non sono del della dei nel nella si come anche più questo questa ma' },
  { code: 'pt', script: 'latin', names: ['portuguese', 'portugues', 'brazilian', 'por', 'portugiesisch', 'portugais'],
    stopwords: 'o os a as de do da dos das que e é um uma em no na para com não por se mais como são ao você seu sua' },
  { code: 'nl', script: 'latin', names: ['dutch', 'nederlands', 'flemish', 'vlaams', 'nld', 'dut', 'niederlandisch'],
    stopwords: 'de het een en van is dat niet op te zijn met voor ook je die er aan om maar wordt bij naar kan deze dit' },
  { code: 'pl', script: 'latin', names: ['polish', 'polski', 'pol', 'polnisch', 'polonais'],
    stopwords: 'i w z na nie się to jest że do o jak ale po co tak za od jego przez dla może są oraz czy ze które jako' },
  { code: 'sv', script: 'latin', names: ['swedish', 'svenska', 'swe', 'schwedisch', 'suedois'],
    stopwords: 'och att det som en ett är på av för med till den inte har om de kan men du eller vi så sig från när också' },
  { code: 'tr', script: 'latin', names: ['turkish', 'turkce', 'tur', 'turkisch', 'turc'],
    stopwords: 've bir bu da de için ile çok ne daha gibi olarak olan en ama veya kadar sonra her değil var şu olduğu ya göre' },
  { code: 'ru', script: 'cyrillic', names: ['russian', 'русский', 'rus', 'russisch', 'russe'] },
  { code: 'uk', script: 'cyrillic', names: ['ukrainian', 'українська', 'ukr', 'ua', 'ukrainisch', 'ukrainien'] },
  { code: 'el', script: 'greek', names: ['greek', 'ελληνικά', 'ell', 'gre', 'griechisch', 'grec'] },
  { code: 'ar', script: 'arabic', names: ['arabic', 'العربية', 'عربي', 'ara', 'arabisch', 'arabe'] },
  { code: 'he', script: 'hebrew', names: ['hebrew', 'עברית', 'heb', 'iw', 'hebraisch', 'hebreu'] },
  { code: 'hi', script: 'devanagari', names: ['hindi', 'हिन्दी', 'हिंदी', 'hin'] },
  { code: 'ja', script: 'cjk', names: ['japanese', '日本語', 'jpn', 'jp', 'japanisch', 'japonais'] },
  { code: 'zh', script: 'cjk', names: ['chinese', '中文', '汉语', '漢語', '简体中文', '繁體中文', '普通话', 'mandarin', 'cantonese', 'zho', 'chi', 'chinesisch', 'chinois'] },
  { code: 'ko', script: 'hangul', names: ['korean', '한국어', '조선어', 'kor', 'koreanisch', 'coreen'] },
];

/** Case and accents off, so 'Français', 'francais' and 'FRANCAIS' are one name. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

const BY_NAME = new Map(LANGUAGES.flatMap((language) => language.names.map((name) => [fold(name), language] as const)));
const BY_CODE = new Map(LANGUAGES.map((language) => [language.code, language]));

/**
 * 'Deutsch', 'en-US', 'Brazilian Portuguese', 'English (UK)': the whole name first, then its words,
 * full names before codes so the 'UK' in 'English (UK)' is not read as Ukrainian.
 */
function findLanguage(name: string): Language | undefined {
  const whole = fold(name);
  const words = whole.split(/[\s\-_()（）/,]+/).filter(Boolean);
  return BY_NAME.get(whole) ?? BY_CODE.get(whole)
    ?? words.map((word) => BY_NAME.get(word)).find(Boolean)
    ?? words.map((word) => BY_CODE.get(word)).find(Boolean);
}

/**
 * Code, URLs, link targets and tags say nothing about the language of the prose; short quotes are
 * often UI labels or error messages, in English whatever the post's language.
 */
function proseOf(text: string): string {
  return text
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|$(?![\s\S]))/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/[„“”"«»][^„“”"«»\n]{1,120}[“”"«»]/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
}

const SCRIPT_LETTERS: Record<Script, RegExp> = {
  latin: /\p{Script=Latin}/gu,
  cyrillic: /\p{Script=Cyrillic}/gu,
  greek: /\p{Script=Greek}/gu,
  arabic: /\p{Script=Arabic}/gu,
  hebrew: /\p{Script=Hebrew}/gu,
  devanagari: /\p{Script=Devanagari}/gu,
  cjk: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu,
  hangul: /\p{Script=Hangul}/gu,
};

/** One CJK character or Hangul syllable carries about as much as three letters of an alphabet. */
const WIDE_WEIGHT = 3;

/** Each writing system's share of the text's letters, wide scripts weighted. */
function scriptShares(prose: string): Record<Script, number> {
  const weights = Object.fromEntries(Object.entries(SCRIPT_LETTERS).map(([script, pattern]) => {
    const letters = prose.match(pattern)?.length ?? 0;
    return [script, script === 'cjk' || script === 'hangul' ? letters * WIDE_WEIGHT : letters];
  })) as Record<Script, number>;
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0) || 1;
  return Object.fromEntries(Object.entries(weights).map(([script, weight]) => [script, weight / total])) as Record<Script, number>;
}

/** A stopword shared by k languages counts 1/k for each, so 'de' or 'la' decides little. */
const STOPWORD_WEIGHTS = new Map<string, Map<string, number>>();
for (const language of LANGUAGES) {
  for (const word of language.stopwords?.split(' ') ?? []) {
    const owners = STOPWORD_WEIGHTS.get(word) ?? new Map<string, number>();
    owners.set(language.code, 1);
    STOPWORD_WEIGHTS.set(word, owners);
  }
}
for (const owners of STOPWORD_WEIGHTS.values()) {
  for (const code of owners.keys()) owners.set(code, 1 / owners.size);
}

/** Below this share of stopwords in the words of a text, a language has not shown itself. */
const MIN_STOPWORD_RATE = 0.05;
/** Another language must score this many times the asked one to call the text a mismatch. */
const MISMATCH_MARGIN = 2;

function compareStopwords(prose: string, asked: Language): LanguageCheck {
  // NFC, as the stopwords are written: an 'è' sent as 'e' plus an accent would not match.
  const words = prose.normalize('NFC').toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = new Map<string, number>();
  for (const word of words) {
    for (const [code, weight] of STOPWORD_WEIGHTS.get(word) ?? []) scores.set(code, (scores.get(code) ?? 0) + weight);
  }
  const rate = (code: string) => (scores.get(code) ?? 0) / Math.max(words.length, 1);
  const own = rate(asked.code);
  const other = Math.max(0, ...[...scores.keys()].filter((code) => code !== asked.code).map(rate));
  if (other >= MIN_STOPWORD_RATE && other > own * MISMATCH_MARGIN) return 'mismatch';
  return own >= MIN_STOPWORD_RATE && own >= other ? 'match' : 'unknown';
}

function count(prose: string, pattern: RegExp): number {
  return prose.match(pattern)?.length ?? 0;
}

/** Languages that share a script: Japanese writes kana beside Han, Chinese none; Ukrainian and Russian differ by a few letters. */
function compareWithinScript(prose: string, asked: Language): LanguageCheck {
  if (asked.code === 'ja' || asked.code === 'zh') {
    const kana = count(prose, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu) / Math.max(count(prose, SCRIPT_LETTERS.cjk), 1);
    if (kana >= 0.15) return asked.code === 'ja' ? 'match' : 'mismatch';
    if (kana < 0.03) return asked.code === 'zh' ? 'match' : 'mismatch';
    return 'unknown';
  }
  if (asked.code === 'ru' || asked.code === 'uk') {
    const russian = count(prose, /[ыэъёЫЭЪЁ]/gu);
    const ukrainian = count(prose, /[іїєґІЇЄҐ]/gu);
    const other = asked.code === 'ru' ? ukrainian : russian;
    const own = asked.code === 'ru' ? russian : ukrainian;
    return other >= 5 && other > own * 3 ? 'mismatch' : 'match';
  }
  return 'match';
}

/** Fewer words than this say too little to judge. */
const MIN_WORDS = 40;

/** Whether `text` (Markdown) is written in `language`, a name as the blogger typed it. */
export function checkLanguage(text: string, language: string): LanguageCheck {
  const asked = findLanguage(language);
  const prose = proseOf(text);
  if (!asked || countWords(prose) < MIN_WORDS) return 'unknown';
  const shares = scriptShares(prose);
  const own = shares[asked.script];
  // Another writing system must clearly dominate: a Japanese post full of English terms still has most of its weight in CJK.
  if (own < 0.35 && Math.max(...Object.values(shares)) >= 0.6) return 'mismatch';
  if (own < 0.5) return 'unknown';
  return asked.script === 'latin' ? compareStopwords(prose, asked) : compareWithinScript(prose, asked);
}
