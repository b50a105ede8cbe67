// Words of products held in memory, matched as the shop's search reads them and scored by
// the shared ranking. Pure, so it runs wherever the catalog is held (the device's index).
import MiniSearch, { type Query } from 'minisearch';
import { MIN_FUZZY_LENGTH, STOP_WORDS, transpositions, wordScorer, words } from './search-ranking';

/**
 * Words whose scores are remembered, so paging through a search, changing its sort or
 * filters, or typing one more word does not search for the earlier words again.
 */
const WORD_CACHE_SIZE = 64;

type Text = { title: string; description: string };
type IndexDoc = Text & { i: number };

/**
 * One word of four or more letters: by prefix, within one edit per five characters
 * (Levenshtein), and — since a swap of two letters is two Levenshtein edits — by prefix
 * of any one swap.
 */
function wordQuery(term: string): Query {
	return {
		combineWith: 'OR',
		queries: [term, { combineWith: 'OR', fuzzy: false, prefix: true, queries: transpositions(term) }]
	};
}

/**
 * MiniSearch over titles and descriptions, and every indexed word in code-unit order with
 * the products holding it. Words of one to three letters match by prefix only, where the
 * word list answers at once; MiniSearch would score every word under the prefix ("c" →
 * thousands) for a ranking of its own. Products are numbered by their place in the list given.
 */
export class TextSearch {
	readonly #size: number;
	readonly #search: MiniSearch<IndexDoc>;
	readonly #terms: string[];
	readonly #postings: Uint32Array[];
	readonly #titleWords: string[][];
	readonly #descriptionWords: string[][];
	/** Per search word, its score per product (0 where it does not match). */
	readonly #wordCache = new Map<string, Uint16Array>();

	constructor(texts: Text[]) {
		this.#size = texts.length;
		this.#search = new MiniSearch<IndexDoc>({
			idField: 'i',
			fields: ['title', 'description'],
			storeFields: [],
			tokenize: words,
			processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
			searchOptions: {
				prefix: true,
				fuzzy: (term) => (term.length >= MIN_FUZZY_LENGTH ? 0.2 : false),
				combineWith: 'AND'
			}
		});
		this.#search.addAll(texts.map((t, i) => ({ i, title: t.title, description: t.description })));

		this.#titleWords = texts.map((t) => words(t.title));
		this.#descriptionWords = texts.map((t) => words(t.description));
		const postings = new Map<string, number[]>();
		for (let i = 0; i < texts.length; i++) {
			for (const term of [...this.#titleWords[i]!, ...this.#descriptionWords[i]!]) {
				if (STOP_WORDS.has(term)) continue;
				const list = postings.get(term);
				if (!list) postings.set(term, [i]);
				else if (list[list.length - 1] !== i) list.push(i);
			}
		}
		this.#terms = [...postings.keys()].sort();
		this.#postings = this.#terms.map((term) => Uint32Array.from(postings.get(term)!));
	}

	/** Per product, the sum of its words' scores where every word matches, else 0 (shared; do not change it). */
	scores(terms: string[]): Uint16Array {
		const perWord = terms.map((term) => this.#wordScores(term));
		if (perWord.length === 1) return perWord[0]!;
		const all = perWord[0]!.slice();
		for (let m = 1; m < perWord.length; m++) {
			const scores = perWord[m]!;
			for (let i = 0; i < all.length; i++) all[i] = all[i] && scores[i] ? all[i]! + scores[i]! : 0;
		}
		return all;
	}

	/** Per product, how well `term` fits it (see `wordScorer`), 0 where it does not match. */
	#wordScores(term: string): Uint16Array {
		const cached = this.#wordCache.get(term);
		if (cached) {
			// Most recently used last, so the oldest goes first.
			this.#wordCache.delete(term);
			this.#wordCache.set(term, cached);
			return cached;
		}
		const scores = new Uint16Array(this.#size);
		if (term.length < MIN_FUZZY_LENGTH) {
			// The first word at or after `term`, then every word that starts with it.
			const terms = this.#terms;
			let lo = 0;
			let hi = terms.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (terms[mid]! < term) lo = mid + 1;
				else hi = mid;
			}
			for (let k = lo; k < terms.length && terms[k]!.startsWith(term); k++) {
				for (const i of this.#postings[k]!) scores[i] = 1;
			}
		} else {
			for (const result of this.#search.search(wordQuery(term))) scores[result.id as number] = 1;
		}
		const score = wordScorer(term);
		for (let i = 0; i < scores.length; i++) {
			if (scores[i]) scores[i] = score(this.#titleWords[i]!, this.#descriptionWords[i]!);
		}
		this.#wordCache.set(term, scores);
		if (this.#wordCache.size > WORD_CACHE_SIZE) {
			const oldest = this.#wordCache.keys().next();
			if (!oldest.done) this.#wordCache.delete(oldest.value);
		}
		return scores;
	}
}
