const numberWords = [
	'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
	'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'
];

/** A count written in digits (up to six) or as a word from zero to twenty. */
export function numberWord(word: string | undefined): number | undefined {
	if (word === undefined) return undefined;
	if (/^\d{1,6}$/.test(word)) return Number(word);
	const n = numberWords.indexOf(word);
	return n >= 0 ? n : undefined;
}

export interface Quantity {
	value: number;
	/** How many words it took. */
	length: number;
}

/** Phrases that stand for a count, longest first. */
const phrases: [string[], number][] = [
	[['half', 'a', 'dozen'], 6],
	[['a', 'couple', 'of'], 2],
	[['a', 'pair', 'of'], 2],
	[['couple', 'of'], 2],
	[['pair', 'of'], 2],
	[['a', 'couple'], 2],
	[['a', 'pair'], 2],
	[['a', 'dozen'], 12],
	[['dozen'], 12],
	[['a'], 1],
	[['an'], 1]
];

/** The count that starts at word `i` ("3", "three", "a couple of", "2 x", "x 2", "two dozen"), if any. */
export function quantityAt(words: readonly string[], i: number): Quantity | undefined {
	if (words[i] === 'x' && numberWord(words[i + 1]) !== undefined) {
		return { value: numberWord(words[i + 1])!, length: 2 };
	}
	const n = numberWord(words[i]);
	if (n !== undefined) {
		if (words[i + 1] === 'dozen') return { value: n * 12, length: 2 };
		return { value: n, length: words[i + 1] === 'x' || words[i + 1] === 'of' ? 2 : 1 };
	}
	for (const [phrase, value] of phrases) {
		if (phrase.every((word, j) => words[i + j] === word)) return { value, length: phrase.length };
	}
	return undefined;
}
