import { numberWord } from './numbers';
import { keyOf } from './words';

export interface DateRange {
	since: string;
	/** Exclusive; absent when the period reaches now (or the shopper said "since"). */
	until?: string;
	/** Indices of the words that made the range. */
	used: number[];
}

type Unit = 'day' | 'week' | 'month' | 'year';
const units = new Set<string>(['day', 'week', 'month', 'year']);
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const prepositions = new Set(['in', 'from', 'during', 'since', 'of', 'for', 'on']);
const DAY = 86_400_000;

/** Moves a UTC midnight by `n` units (negative is back), keeping the day of the month where it exists. */
function move(t: number, unit: Unit, n: number): number {
	if (unit === 'day') return t + n * DAY;
	if (unit === 'week') return t + 7 * n * DAY;
	const d = new Date(t);
	const [y, m] = unit === 'year' ? [d.getUTCFullYear() + n, d.getUTCMonth()] : [d.getUTCFullYear(), d.getUTCMonth() + n];
	const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay));
}

/** The UTC midnight that starts the day, week (Monday), month or year holding `now`. */
function startOf(unit: Unit, now: Date): number {
	const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
	if (unit === 'year') return Date.UTC(y, 0, 1);
	if (unit === 'month') return Date.UTC(y, m, 1);
	const midnight = Date.UTC(y, m, d);
	return unit === 'week' ? midnight - ((now.getUTCDay() + 6) % 7) * DAY : midnight;
}

function yearAt(word: string | undefined): number | undefined {
	return word && /^20\d\d$/.test(word) ? Number(word) : undefined;
}

interface Match {
	start: number;
	end?: number;
	used: number[];
}

/** The period named at word `i`, if one starts there. */
function periodAt(words: readonly string[], keys: readonly string[], i: number, now: Date): Match | undefined {
	const w = words[i]!;
	const k = keys[i]!;
	const unit = (j: number) => (units.has(keys[j] ?? '') ? (keys[j] as Unit) : undefined);
	const today = startOf('day', now);
	if (k === 'today') return { start: today, end: today + DAY, used: [i] };
	if (k === 'yesterday') return { start: today - DAY, end: today, used: [i] };
	if ((w === 'this' || w === 'current') && unit(i + 1)) {
		const start = startOf(unit(i + 1)!, now);
		return { start, end: move(start, unit(i + 1)!, 1), used: [i, i + 1] };
	}
	if ((w === 'last' || w === 'past' || w === 'previous') && numberWord(words[i + 1]) && unit(i + 2)) {
		return { start: move(today, unit(i + 2)!, -numberWord(words[i + 1])!), used: [i, i + 1, i + 2] };
	}
	if (w === 'past' && unit(i + 1)) return { start: move(today, unit(i + 1)!, -1), used: [i, i + 1] };
	if ((w === 'last' || w === 'previous' || w === 'prior') && unit(i + 1)) {
		const end = startOf(unit(i + 1)!, now);
		return { start: move(end, unit(i + 1)!, -1), end, used: [i, i + 1] };
	}
	const month = months.indexOf(k);
	if (month >= 0) {
		// "may" is usually a verb and "mar", "dec" are short: only after "in", "from" and the like.
		const guarded = k === 'may' || (w !== k && w.length <= 4);
		if (guarded && !prepositions.has(words[i - 1] ?? '')) return undefined;
		const named = yearAt(words[i + 1]);
		const y = named ?? (month <= now.getUTCMonth() ? now.getUTCFullYear() : now.getUTCFullYear() - 1);
		return { start: Date.UTC(y, month, 1), end: Date.UTC(y, month + 1, 1), used: named ? [i, i + 1] : [i] };
	}
	const year = yearAt(w);
	if (year && prepositions.has(words[i - 1] ?? '')) return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1), used: [i] };
	return undefined;
}

/** The first period the words name ("last week", "in march", "past 3 days"), relative to `now`. */
export function dateRange(words: readonly string[], now: Date): DateRange | undefined {
	const keys = words.map((w) => keyOf(w) ?? w);
	for (let i = 0; i < words.length; i++) {
		const match = periodAt(words, keys, i, now);
		if (!match) continue;
		const since = words[i - 1] === 'since' || (words[i - 1] === 'the' && words[i - 2] === 'since');
		const ended = match.end !== undefined && match.end <= now.getTime() && !since;
		return {
			since: new Date(match.start).toISOString(),
			...(ended ? { until: new Date(match.end!).toISOString() } : {}),
			used: match.used
		};
	}
	return undefined;
}
