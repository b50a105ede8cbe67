// How a search reads a shopper's words and ranks what it finds: one rule for the server
// (in SQL, see `server/services/catalog.ts`) and for the device's offline index.
import { MAX_SEARCH_WORDS } from './catalog';
import { distance } from './product-match';

/** Runs of letters and digits: the words of a search and of a product. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Postgres's English stop words (tsearch_data/english.stop). The server's `english` text
 * search drops them from both the products and the query, so the device does too.
 */
export const STOP_WORDS = new Set(
	(
		'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
		'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
		'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
		'while of at by for with about against between into through during before after above below to from up ' +
		'down in out on off over under again further then once here there when where why how all any both each ' +
		'few more most other some such no nor not only own same so than too very s t can will just don should now'
	).split(' ')
);

/** Words shorter than this are matched exactly or by prefix, never by a near spelling. */
export const MIN_FUZZY_LENGTH = 4;

export function words(text: string): string[] {
	return text.toLowerCase().match(WORD) ?? [];
}

/** The first words of a search as both sides read it, stop words included (Postgres drops them itself). */
export function queryWords(text: string): string[] {
	return words(text).slice(0, MAX_SEARCH_WORDS);
}

/**
 * The words of a shopper's search that count: the first eight, stop words left out, each
 * once. `null` when the text has no words at all (no search); an empty list when every
 * word is a stop word (a search that matches nothing).
 */
export function searchTerms(text: string | undefined): string[] | null {
	if (!text) return null;
	const found = queryWords(text);
	if (found.length === 0) return null;
	return [...new Set(found.filter((w) => !STOP_WORDS.has(w)))];
}

/** Each spelling of `term` with two neighbouring characters swapped ("wlanut" → "walnut", …). */
export function transpositions(term: string): string[] {
	const out = new Set<string>();
	for (let i = 0; i + 1 < term.length; i++) {
		if (term[i] === term[i + 1]) continue;
		out.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
	}
	return [...out];
}

/** How many edits a word of this length forgives: one per five characters. */
export const fuzzyEdits = (term: string) => Math.round(term.length * 0.2);

/**
 * Whether a word is a near spelling of the typed `term`: a few edits (a swapped pair counts
 * as one), or one swapped pair and a prefix. Made once per term, as it is asked of many words.
 */
export function nearSpelling(term: string): (word: string) => boolean {
	if (term.length < MIN_FUZZY_LENGTH) return () => false;
	const edits = fuzzyEdits(term);
	const swaps = transpositions(term);
	return (word) => distance(term, word, edits) <= edits || swaps.some((swapped) => word.startsWith(swapped));
}

/**
 * How well one search word fits a product, best first. A product that matched a word the
 * ranking cannot place (the server's stemming: "cup" in "cupped") still scores `matched`.
 */
export const WORD_SCORE = {
	titleWord: 6,
	titlePrefix: 5,
	titleNear: 4,
	descriptionWord: 3,
	descriptionPrefix: 2,
	matched: 1
} as const;

/** How well `term` fits a product that matched it, from the words of its title and description (never below `matched`). */
export function wordScorer(term: string): (titleWords: string[], descriptionWords: string[]) => number {
	const s = WORD_SCORE;
	const near = nearSpelling(term);
	return (title, description) => {
		if (title.includes(term)) return s.titleWord;
		if (title.some((w) => w.startsWith(term))) return s.titlePrefix;
		if (title.some(near)) return s.titleNear;
		if (description.includes(term)) return s.descriptionWord;
		if (description.some((w) => w.startsWith(term))) return s.descriptionPrefix;
		return s.matched;
	};
}

/**
 * A matching product's rank, higher first: the sum of its words' scores, then in stock
 * before sold out. Equal ranks go by id, highest first, as every other keyset sort does.
 */
export const rank = (wordScores: number, inventory: number) => wordScores * 2 + (inventory > 0 ? 1 : 0);
