/**
 * Finds the product a shopper named, forgiving typos ("merino scraf"), plurals ("espresso
 * cups") and missing words. Pure and in memory, so the server (per catalog version) and
 * the device (over its own catalog) answer alike. An unclear name comes back as several
 * candidates; only one clear winner is ever `match`.
 */

export type Titled = { id: string; title: string };
export type MatchResult = { match: string | null; candidates: string[] };

const WORD = /[\p{L}\p{N}]+/gu;
/** Words that never tell products apart. */
const IGNORED = new Set('a an the of and with for in on to set pair my some any'.split(' '));
/** Candidates this close to the best score make the name unclear. */
const TIE = 0.05;
const MAX_CANDIDATES = 5;

/** A crude English singular, enough to make "cups" find "cup" and "glasses" find "glass". */
export function stem(word: string): string {
	if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
	if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
	return word;
}

export function matchWords(text: string): string[] {
	return (text.toLowerCase().match(WORD) ?? []).filter((w) => !IGNORED.has(w)).map(stem);
}

/** Damerau–Levenshtein distance (adjacent swaps count once), giving up above `max`. */
export function distance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const rows: number[][] = [];
	for (let i = 0; i <= a.length; i++) {
		const row = (rows[i] = [i]);
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			if (i === 0) {
				row[j] = j;
				continue;
			}
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
			row[j] = d;
			best = Math.min(best, d);
		}
		if (i > 0 && best > max) return max + 1;
	}
	return rows[a.length]![b.length]!;
}

/** How well a typed word fits a title word: 1 exact, then prefix, then a near spelling. */
function fit(typed: string, word: string): number {
	if (typed === word) return 1;
	if (typed.length >= 3 && word.startsWith(typed)) return 0.85;
	if (typed.length < 4) return 0;
	const allowed = typed.length >= 8 ? 2 : 1;
	if (distance(typed, word, allowed) <= allowed) return 0.75;
	// A typo near the end of a word being typed: "scarv" for "scarves".
	if (word.length > typed.length && distance(typed, word.slice(0, typed.length), 1) <= 1) return 0.65;
	return 0;
}

export class ProductMatcher {
	readonly #ids: string[];
	readonly #titles: string[];
	readonly #lengths: Uint16Array;
	/** Each distinct title word with the products that hold it. */
	readonly #postings = new Map<string, number[]>();
	readonly #byTitle = new Map<string, number[]>();
	readonly #fits = new Map<string, [string, number][]>();

	constructor(products: Titled[]) {
		this.#ids = products.map((p) => p.id);
		this.#titles = products.map((p) => p.title);
		this.#lengths = new Uint16Array(products.length);
		products.forEach((p, i) => {
			const words = [...new Set(matchWords(p.title))];
			this.#lengths[i] = words.length;
			for (const w of words) {
				const list = this.#postings.get(w);
				if (list) list.push(i);
				else this.#postings.set(w, [i]);
			}
			const key = words.join(' ');
			this.#byTitle.set(key, [...(this.#byTitle.get(key) ?? []), i]);
		});
	}

	get size(): number {
		return this.#ids.length;
	}

	title(id: string): string | undefined {
		const i = this.#ids.indexOf(id);
		return i >= 0 ? this.#titles[i] : undefined;
	}

	/** The title words a typed word may mean, with how well (remembered: shoppers repeat themselves). */
	#wordsFor(typed: string): [string, number][] {
		let found = this.#fits.get(typed);
		if (!found) {
			found = [];
			for (const word of this.#postings.keys()) {
				const f = fit(typed, word);
				if (f > 0) found.push([word, f]);
			}
			if (this.#fits.size > 2000) this.#fits.clear();
			this.#fits.set(typed, found);
		}
		return found;
	}

	find(query: string): MatchResult {
		const typed = [...new Set(matchWords(query))].slice(0, 8);
		if (!typed.length) return { match: null, candidates: [] };
		const exact = this.#byTitle.get([...new Set(typed)].join(' '));
		if (exact?.length === 1) return { match: this.#ids[exact[0]!]!, candidates: [this.#ids[exact[0]!]!] };

		const score = new Map<number, number>();
		for (const t of typed) {
			const best = new Map<number, number>();
			for (const [word, f] of this.#wordsFor(t)) {
				for (const i of this.#postings.get(word)!) if ((best.get(i) ?? 0) < f) best.set(i, f);
			}
			for (const [i, f] of best) score.set(i, (score.get(i) ?? 0) + f);
		}
		// Most of what was typed must fit; a few more title words cost a little.
		const ranked: [number, number][] = [];
		for (const [i, s] of score) {
			const covered = s / typed.length;
			if (covered < 0.5 || (typed.length >= 2 && s < 1.5)) continue;
			ranked.push([i, covered - 0.01 * Math.max(0, this.#lengths[i]! - typed.length)]);
		}
		ranked.sort((a, b) => b[1] - a[1] || this.#titles[a[0]]!.localeCompare(this.#titles[b[0]]!));
		if (!ranked.length) return { match: null, candidates: [] };
		const top = ranked[0]![1];
		const close = ranked.filter(([, s]) => s >= top - TIE).slice(0, MAX_CANDIDATES);
		const candidates = close.map(([i]) => this.#ids[i]!);
		return { match: close.length === 1 ? candidates[0]! : null, candidates };
	}
}

/**
 * The product a shopper named, reading words that name an option value ("medium", "sage")
 * as the title's first; when that finds no clear product, again without them ("the apron in
 * medium" → "apron"). `valueWords`: every word of an option value in the catalog.
 */
export function findNamed(matcher: ProductMatcher, query: string, valueWords: Set<string>): MatchResult {
	const found = matcher.find(query);
	if (found.match) return found;
	const said = (query.toLowerCase().match(WORD) ?? []);
	const titleWords = said.filter((w) => !valueWords.has(w));
	if (!titleWords.length || titleWords.length === said.length) return found;
	const without = matcher.find(titleWords.join(' '));
	return without.match || !found.candidates.length ? without : found;
}
