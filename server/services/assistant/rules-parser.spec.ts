import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dateRange } from '../../../src/lib/shared/intent-parser/dates';
import type { Intent } from '../../../src/lib/shared/intent-parser/intents';
import { quantityAt } from '../../../src/lib/shared/intent-parser/numbers';
import { parseIntent, rulesParser } from '../../../src/lib/shared/intent-parser/rules-parser';
import { words } from '../../../src/lib/shared/intent-parser/words';
import { day, now, table, type Expected } from './phrasings';

/** Partial match: every expected slot equals the parsed one; `undefined` means absent. */
function matches(got: Intent, expected: Expected): boolean {
	const slots = got as unknown as Record<string, unknown>;
	return Object.entries(expected).every(([key, value]) => isDeepStrictEqual(slots[key], value));
}

describe('rules parser, table of phrasings', () => {
	it(`parses at least 95% of ${table.length} phrasings right`, () => {
		expect(table.length).toBeGreaterThanOrEqual(90);
		const misses = table
			.map(([message, expected]) => ({ message, expected, got: parseIntent(message, now) }))
			.filter(({ got, expected }) => !matches(got, expected));
		for (const miss of misses) console.log('miss:', JSON.stringify(miss));
		const share = 1 - misses.length / table.length;
		console.log(`intent table: ${table.length - misses.length}/${table.length} (${(share * 100).toFixed(1)}%)`);
		expect(share).toBeGreaterThanOrEqual(0.95);
	});
});

describe('rules parser, strict', () => {
	it('reads quantities as digits, words and phrases', () => {
		const q = (text: string) => quantityAt(words(text), 0)?.value;
		expect(q('one')).toBe(1);
		expect(q('seventeen')).toBe(17);
		expect(q('twenty')).toBe(20);
		expect(q('a couple of')).toBe(2);
		expect(q('a pair of')).toBe(2);
		expect(q('a dozen')).toBe(12);
		expect(q('half a dozen')).toBe(6);
		expect(q('an')).toBe(1);
		expect(q('42')).toBe(42);
		expect(q('twentyone')).toBeUndefined();
		expect(q('mugs')).toBeUndefined();
	});

	it('computes date ranges in UTC, across month and year ends', () => {
		const range = (text: string, at: string) => {
			const found = dateRange(words(text), new Date(at));
			return found && { since: found.since, until: found.until };
		};
		expect(range('last month', '2026-01-15T08:00:00Z')).toEqual({ since: day('2025-12-01'), until: day('2026-01-01') });
		expect(range('in january', '2026-01-15T08:00:00Z')).toEqual({ since: day('2026-01-01'), until: undefined });
		expect(range('in february', '2026-01-15T08:00:00Z')).toEqual({ since: day('2025-02-01'), until: day('2025-03-01') });
		expect(range('this week', '2026-11-29T23:59:00Z')).toEqual({ since: day('2026-11-23'), until: undefined });
		expect(range('this week', '2026-11-23T00:00:00Z')).toEqual({ since: day('2026-11-23'), until: undefined });
		expect(range('yesterday', '2026-03-01T01:00:00Z')).toEqual({ since: day('2026-02-28'), until: day('2026-03-01') });
		expect(range('last year', '2026-06-01T00:00:00Z')).toEqual({ since: day('2025-01-01'), until: day('2026-01-01') });
		expect(range('past month', '2026-03-31T12:00:00Z')).toEqual({ since: day('2026-02-28'), until: undefined });
		expect(range('since last week', '2026-11-25T10:00:00Z')).toEqual({ since: day('2026-11-16'), until: undefined });
		expect(range('in march 2025', '2026-11-25T10:00:00Z')).toEqual({ since: day('2025-03-01'), until: day('2025-04-01') });
		expect(range('may i see them', '2026-06-01T00:00:00Z')).toBeUndefined();
		expect(range('from may', '2026-06-01T00:00:00Z')).toEqual({ since: day('2026-05-01'), until: day('2026-06-01') });
	});

	it('never throws, whatever the text', () => {
		const odd = ['', '   ', '🛒🛒🛒', '😀 add 2 🍵 cups', '\u0000\u200b', '#', '##1042', 'x'.repeat(10_000), '9'.repeat(40), 'order ' + '9'.repeat(20), 'ADD ½ MUG', 'ﬁ ﬂ', '\n\t?'];
		for (const text of odd) expect(() => rulesParser.parse(text, now)).not.toThrow();
		expect(parseIntent('', now)).toEqual({ kind: 'unknown', text: '' });
		expect(parseIntent('🛒🛒🛒', now).kind).toBe('unknown');
		expect(parseIntent('order ' + '9'.repeat(20), now).kind).not.toBe('order');
	});

	it('copes with messages far over 500 characters; bounding them is the router’s job', () => {
		const padding = 'please '.repeat(120);
		expect(padding.length).toBeGreaterThan(500);
		expect(parseIntent(`${padding}where is order 1042`, now)).toEqual({ kind: 'order', number: 1042 });
		const huge = 'do you have the blue merino scarf '.repeat(3_000);
		const started = performance.now();
		expect(parseIntent(huge, now).kind).toBe('stock');
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('answers through the interface and the shortcut alike, with today as the default', () => {
		expect(rulesParser.parse('unpaid orders today', now)).toEqual(parseIntent('unpaid orders today', now));
		const midnight = () => new Date(new Date().setUTCHours(0, 0, 0, 0)).toISOString();
		const before = midnight();
		const intent = parseIntent('orders today');
		expect([before, midnight()]).toContain(intent.kind === 'orders' && intent.since);
	});
});
