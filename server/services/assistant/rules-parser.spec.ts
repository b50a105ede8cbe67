import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dateRange } from './dates';
import type { Intent } from './intents';
import { quantityAt } from './numbers';
import { parseIntent, rulesParser } from './rules-parser';
import { words } from './words';

// A Wednesday, so "this week" and "last week" both have days on either side.
const now = new Date('2026-11-25T10:00:00Z');
const day = (d: string) => `${d}T00:00:00.000Z`;

/** Expected slots; a slot written as `undefined` must be absent. */
type Expected = Partial<Record<string, unknown>> & { kind: Intent['kind'] };
const none = undefined;

const table: [string, Expected][] = [
	// orders
	['show my orders', { kind: 'orders', status: none, since: none, latest: none }],
	['my oders', { kind: 'orders', status: none }],
	['ordr history', { kind: 'orders', status: none }],
	['Where are my orders?', { kind: 'orders' }],
	['list all my purchases', { kind: 'orders' }],
	['unpaid orders', { kind: 'orders', status: 'pending_payment' }],
	['which of my orders are awaiting payment', { kind: 'orders', status: 'pending_payment' }],
	["orders i haven't paid yet", { kind: 'orders', status: 'pending_payment' }],
	['pending orders', { kind: 'orders', status: 'pending_payment' }],
	['show me my paid orders', { kind: 'orders', status: 'paid' }],
	['orders that have shipped', { kind: 'orders', status: 'fulfilled' }],
	['which orders were dispatched last week', { kind: 'orders', status: 'fulfilled', since: day('2026-11-16'), until: day('2026-11-23') }],
	['orders on the way', { kind: 'orders', status: 'fulfilled' }],
	['delivered orders', { kind: 'orders', status: 'fulfilled' }],
	['my canceled orders', { kind: 'orders', status: 'cancelled' }],
	['cancelled orders from last month', { kind: 'orders', status: 'cancelled', since: day('2026-10-01'), until: day('2026-11-01') }],
	['refunded orders', { kind: 'orders', status: 'refunded' }],
	['orders today', { kind: 'orders', since: day('2026-11-25'), until: none }],
	['what did i order yesterday', { kind: 'orders', since: day('2026-11-24'), until: day('2026-11-25') }],
	['orders this week', { kind: 'orders', since: day('2026-11-23'), until: none }],
	['ORDERS FROM LAST WEEK!!', { kind: 'orders', since: day('2026-11-16'), until: day('2026-11-23') }],
	['my orders this month', { kind: 'orders', since: day('2026-11-01'), until: none }],
	["show last month's orders", { kind: 'orders', since: day('2026-10-01'), until: day('2026-11-01') }],
	['What did I order in March?', { kind: 'orders', since: day('2026-03-01'), until: day('2026-04-01') }],
	['orders in december', { kind: 'orders', since: day('2025-12-01'), until: day('2026-01-01') }],
	['orders from november', { kind: 'orders', since: day('2026-11-01'), until: none }],
	['orders in the last 7 days', { kind: 'orders', since: day('2026-11-18'), until: none }],
	['my orders past three days', { kind: 'orders', since: day('2026-11-22') }],
	['orders from the last two weeks', { kind: 'orders', since: day('2026-11-11') }],
	['my last order', { kind: 'orders', latest: true, since: none }],
	['latest order', { kind: 'orders', latest: true }],
	['most recent order please', { kind: 'orders', latest: true }],
	['show me my last order', { kind: 'orders', latest: true }],
	['unpaid oders from this week', { kind: 'orders', status: 'pending_payment', since: day('2026-11-23') }],
	['what have i ordered this year', { kind: 'orders', since: day('2026-01-01'), until: none }],
	['orders since march', { kind: 'orders', since: day('2026-03-01'), until: none }],
	// one order
	['where is order 1042', { kind: 'order', number: 1042 }],
	['status of #1042', { kind: 'order', number: 1042 }],
	['order no. 1042', { kind: 'order', number: 1042 }],
	['what happened to my order 1042?', { kind: 'order', number: 1042 }],
	['track 1042', { kind: 'order', number: 1042 }],
	["Where's my order #1042??", { kind: 'order', number: 1042 }],
	['ordr 1042 status', { kind: 'order', number: 1042 }],
	['any news on order number 1042', { kind: 'order', number: 1042 }],
	['track order 77', { kind: 'order', number: 77 }],
	['has order 1042 shipped yet', { kind: 'order', number: 1042 }],
	['order 1042', { kind: 'order', number: 1042 }],
	['WHERE IS ORDER 1042', { kind: 'order', number: 1042 }],
	// stock and price
	['do you have the blue merino scarf', { kind: 'stock', query: 'blue merino scarf', ask: 'stock' }],
	['is the walnut board in stock', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['how many espresso cups are left', { kind: 'stock', query: 'espresso cups', ask: 'stock' }],
	['in stock is the walnut board?', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['Is the walnut board instock?', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['is the walnut board avaliable', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['walnut board stok?', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['any espresso cups left?', { kind: 'stock', query: 'espresso cups', ask: 'stock' }],
	['do u have linen napkins', { kind: 'stock', query: 'linen napkins', ask: 'stock' }],
	['are the ceramic mugs still available?', { kind: 'stock', query: 'ceramic mugs', ask: 'stock' }],
	['got any merino scarves in stock', { kind: 'stock', query: 'merino scarves', ask: 'stock' }],
	['is the blue scarf sold out', { kind: 'stock', query: 'blue scarf', ask: 'stock' }],
	['price of the walnut board', { kind: 'stock', query: 'walnut board', ask: 'price' }],
	['how much is the scarf', { kind: 'stock', query: 'scarf', ask: 'price' }],
	['scarf price?', { kind: 'stock', query: 'scarf', ask: 'price' }],
	['what does the walnut board cost', { kind: 'stock', query: 'walnut board', ask: 'price' }],
	['how much are the espresso cups', { kind: 'stock', query: 'espresso cups', ask: 'price' }],
	['whats the prcie of the blue merino scarf', { kind: 'stock', query: 'blue merino scarf', ask: 'price' }],
	['is the walnut board in stock and how much is it', { kind: 'stock', query: 'walnut board', ask: 'both' }],
	['price and availability of espresso cups', { kind: 'stock', query: 'espresso cups', ask: 'both' }],
	['do you sell candles', { kind: 'stock', query: 'candles', ask: 'stock' }],
	['how much do the linen napkins cost?', { kind: 'stock', query: 'linen napkins', ask: 'price' }],
	['Do you have any picnic baskets?', { kind: 'stock', query: 'picnic baskets', ask: 'stock' }],
	['do you have wool socks', { kind: 'stock', query: 'wool socks', ask: 'stock' }],
	['is the tote bag available', { kind: 'stock', query: 'tote bag', ask: 'stock' }],
	['price of the border print scarf', { kind: 'stock', query: 'border print scarf', ask: 'price' }],
	// add to cart or favorites
	['add 2 espresso cups', { kind: 'add', query: 'espresso cups', quantity: 2, target: 'cart' }],
	['put three mugs in my basket', { kind: 'add', query: 'mugs', quantity: 3, target: 'cart' }],
	['save the scarf to my favourites', { kind: 'add', query: 'scarf', quantity: 1, target: 'favorites' }],
	['favorite the walnut board', { kind: 'add', query: 'walnut board', quantity: 1, target: 'favorites' }],
	['add the linen napkins to wishlist', { kind: 'add', query: 'linen napkins', target: 'favorites' }],
	['add a couple of candles to my cart', { kind: 'add', query: 'candles', quantity: 2, target: 'cart' }],
	['add a pair of wool socks', { kind: 'add', query: 'wool socks', quantity: 2, target: 'cart' }],
	['add a dozen espresso cups to the trolley', { kind: 'add', query: 'espresso cups', quantity: 12, target: 'cart' }],
	['Add five mugs to cart', { kind: 'add', query: 'mugs', quantity: 5, target: 'cart' }],
	['add the blue scarf to my favorites please', { kind: 'add', query: 'blue scarf', quantity: 1, target: 'favorites' }],
	['add twelve tea towels', { kind: 'add', query: 'tea towels', quantity: 12, target: 'cart' }],
	['fave the ceramic vase', { kind: 'add', query: 'ceramic vase', target: 'favorites' }],
	['put 4 walnut boards in the bag', { kind: 'add', query: 'walnut boards', quantity: 4, target: 'cart' }],
	['add to basket the walnut board', { kind: 'add', query: 'walnut board', quantity: 1, target: 'cart' }],
	['can i get 3 espresso cups', { kind: 'add', query: 'espresso cups', quantity: 3, target: 'cart' }],
	['add the tote bag to my cart', { kind: 'add', query: 'tote bag', quantity: 1, target: 'cart' }],
	["i'll take two ceramic mugs", { kind: 'add', query: 'ceramic mugs', quantity: 2, target: 'cart' }],
	['add an espresso cup to my cart', { kind: 'add', query: 'espresso cup', quantity: 1, target: 'cart' }],
	['add blue scarf to favs', { kind: 'add', query: 'blue scarf', target: 'favorites' }],
	['add 10 tea lights to my trolly', { kind: 'add', query: 'tea lights', quantity: 10, target: 'cart' }],
	['add the walnut board to my favoruites', { kind: 'add', query: 'walnut board', target: 'favorites' }],
	['add the vase to my wish list', { kind: 'add', query: 'vase', target: 'favorites' }],
	['Add 2x Espresso Cups', { kind: 'add', query: 'espresso cups', quantity: 2, target: 'cart' }],
	['add half a dozen eggs cups', { kind: 'add', query: 'eggs cups', quantity: 6 }],
	// favorites
	['my favorites', { kind: 'favorites' }],
	['show my favourites', { kind: 'favorites' }],
	['whats on my wishlist', { kind: 'favorites' }],
	// cart
	["what's in my cart", { kind: 'cart' }],
	['show basket', { kind: 'cart' }],
	['my bag', { kind: 'cart' }],
	['cart total', { kind: 'cart' }],
	['whats in my trolley?', { kind: 'cart' }],
	['how much is in my cart', { kind: 'cart' }],
	['View my Basket', { kind: 'cart' }],
	['show my crat', { kind: 'cart' }],
	// place an order
	['place the order', { kind: 'place', query: none, quantity: none }],
	['checkout', { kind: 'place', query: none }],
	['check out my cart', { kind: 'place', query: none }],
	['buy everything in my cart', { kind: 'place', query: none }],
	['i want to order my cart', { kind: 'place', query: none }],
	['order 2 walnut boards', { kind: 'place', query: 'walnut boards', quantity: 2 }],
	['buy the blue scarf', { kind: 'place', query: 'blue scarf', quantity: 1 }],
	['chekout please', { kind: 'place', query: none }],
	['proceed to checkout', { kind: 'place', query: none }],
	["I'd like to order three espresso cups", { kind: 'place', query: 'espresso cups', quantity: 3 }],
	['buy 2 linen napkins', { kind: 'place', query: 'linen napkins', quantity: 2 }],
	['place my order now', { kind: 'place', query: none }],
	// cancel
	['cancel order 1042', { kind: 'cancel', number: 1042 }],
	['cancel my unpaid order', { kind: 'cancel', number: none }],
	['cancle order #1042', { kind: 'cancel', number: 1042 }],
	['please cancel 1042', { kind: 'cancel', number: 1042 }],
	['I want to cancel my order', { kind: 'cancel', number: none }],
	// small talk
	['help', { kind: 'help' }],
	['what can you do?', { kind: 'help' }],
	['?', { kind: 'help' }],
	['hlep', { kind: 'help' }],
	['How does this work?', { kind: 'help' }],
	['hi', { kind: 'greeting' }],
	['Hello!', { kind: 'greeting' }],
	['hey there', { kind: 'greeting' }],
	['good morning', { kind: 'greeting' }],
	['thanks', { kind: 'thanks' }],
	['thank you!', { kind: 'thanks' }],
	['cheers', { kind: 'thanks' }],
	['thx a lot', { kind: 'thanks' }],
	// mixed and unknown
	['hi, do you have the walnut board in stock?', { kind: 'stock', query: 'walnut board', ask: 'stock' }],
	['thanks! add 2 espresso cups', { kind: 'add', query: 'espresso cups', quantity: 2, target: 'cart' }],
	["what's the weather like", { kind: 'unknown', text: "what's the weather like" }],
	['asdfgh', { kind: 'unknown', text: 'asdfgh' }],
	['tell me a joke', { kind: 'unknown', text: 'tell me a joke' }]
];

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
