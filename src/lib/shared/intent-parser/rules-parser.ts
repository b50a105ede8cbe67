import { orderStatuses, type OrderStatus } from '../orders';
import { dateRange } from './dates';
import type { Intent, IntentParser, StockAsk } from './intents';
import { Message, requestCues } from './message';
import { tokenize, type Token } from './words';

const set = (list: string) => new Set(list.split(' '));

/** Words that may come before a verb that opens the request ("i'd like to order ..."). */
const lead = set(
	'i id ill im we want wanna would like love to please pls can could may let lets me just now go ahead and so ok okay yes yeah then also will need shall gonna going'
);
/** "did i buy", "have i ordered": questions about the past, not requests. */
const pastAsk = set('did didnt have havent has hasnt had');
/** Words after "order" that make it a noun: "order history", "order no. 1042". */
const orderNouns = set('no number nr num history status details detail info information list update updates summary confirmation id tracking');
/** Words that say "the whole cart" when placing an order. */
const wholeCart = set('everything all it them whole entire now items stuff things lot');
const placeFillers = set('proceed go continue ready straight right away');
/** Words that belong to looking at the cart, not to a product. */
const cartWords = set('total totals subtotal contents content items item list open in inside on of to everything stuff things sum amount currently');
const removal = set('remove delete drop clear empty unfavorite unfavourite unsave');
const negations = set('not havent hasnt didnt isnt arent wasnt werent never');
const statuses = new Set<string>(orderStatuses);
const singular = set('purchase parcel package delivery shipment');
const determiners = set('my the an a this your our');

type Rule = (m: Message, now: Date) => Intent | undefined;

const cancel: Rule = (m) => {
	if (!m.take('cancel')) return undefined;
	const number = m.takeNumber();
	return number === undefined ? { kind: 'cancel' } : { kind: 'cancel', number };
};

/** "what did i buy", "purchase history": the buying is about orders already made. */
function boughtBefore(m: Message, i: number): boolean {
	return m.tokens.slice(0, i).some((t) => pastAsk.has(t.w)) || orderNouns.has(m.tokens[i + 1]?.w ?? '');
}

/** "remove the scarf from my cart" must never read as adding it. */
function removes(m: Message): boolean {
	return m.tokens.some((t) => removal.has(t.w));
}

/** "place my order", "submit the order": takes the words if they are there. */
function placesOrder(m: Message): boolean {
	const i = m.find('place');
	if (i < 0) return false;
	let j = i + 1;
	while (determiners.has(m.tokens[j]?.w ?? '')) j++;
	const noun = m.tokens[j]?.k;
	if (noun !== 'order' && noun !== 'orders') return false;
	m.use(i, j - i + 1);
	return true;
}

/**
 * Takes the words that ask to place an order and says how: `order` when the verb is a bare
 * "order", which may still turn out to be a question about an order ("order 1042").
 */
function placeVerb(m: Message, now: Date): 'place' | 'order' | undefined {
	if (m.take('checkout') || m.take('check', 'out') || placesOrder(m)) return 'place';
	const buy = m.find('buy');
	if (buy >= 0 && !boughtBefore(m, buy)) {
		m.use(buy);
		return 'place';
	}
	const i = m.find('order');
	if (i < 0 || !m.leads(i, lead) || orderNouns.has(m.tokens[i + 1]?.w ?? '') || dateRange(m.words, now)) return undefined;
	m.use(i);
	return 'order';
}

/** "checkout", "place the order", "buy the blue scarf", "i want to order 2 mugs". */
const place: Rule = (m, now) => {
	const verb = placeVerb(m, now);
	if (!verb) return undefined;
	const { target } = m.takeTarget();
	const quantity = m.takeQuantity();
	const query = m.product(new Set([...wholeCart, ...placeFillers]), requestCues);
	if (query) return { kind: 'place', query, quantity: quantity?.value ?? 1 };
	const whole = target !== undefined || m.tokens.some((t) => wholeCart.has(t.w));
	// "order 1042" on its own asks about an order; "order" alone is about orders too.
	if (verb === 'order' && !whole) return undefined;
	return { kind: 'place' };
};

/** "add 2 mugs", "put three mugs in my basket", "favorite the walnut board", "scarf to my favourites". */
const add: Rule = (m) => {
	if (removes(m)) return undefined;
	const verb = m.find('add');
	const save = m.find('save');
	const fav = m.find('fav');
	const favVerb = fav >= 0 && m.leads(fav, lead);
	for (const i of [verb, save, favVerb ? fav : -1]) if (i >= 0) m.use(i);
	const { target, sent } = m.takeTarget();
	const verbs = verb >= 0 || save >= 0;
	if (!verbs && !favVerb && !sent) return undefined;
	const quantity = m.takeQuantity()?.value ?? 1;
	const query = m.product(undefined, requestCues);
	// "favourites" on its own asks to see them, not to add something.
	if (!verbs && !query) return undefined;
	const favorites = target === 'favorites' || (!target && (save >= 0 || favVerb));
	return { kind: 'add', query, quantity, target: favorites ? 'favorites' : 'cart' };
};

function statusOf(m: Message): OrderStatus | undefined {
	if (m.find('on', 'the', 'way') >= 0 || m.find('on', 'its', 'way') >= 0 || m.find('in', 'transit') >= 0 || m.find('out', 'for', 'delivery') >= 0) return 'fulfilled';
	if (m.find('waiting', 'for', 'payment') >= 0) return 'pending_payment';
	for (let i = 0; i < m.tokens.length; i++) {
		const key = m.tokens[i]!.k;
		if (!key || !statuses.has(key)) continue;
		const negated = [i - 1, i - 2].some((j) => negations.has(m.tokens[j]?.w ?? ''));
		if (!negated) return key as OrderStatus;
		if (key === 'paid') return 'pending_payment';
		if (key === 'fulfilled') return 'paid';
	}
	return undefined;
}

function isOneOrder(t: Token | undefined): boolean {
	return t !== undefined && (t.k === 'order' || singular.has(t.w));
}

/** "where is order 1042", "track 1042", "unpaid orders from last week", "my last order". */
const orders: Rule = (m, now) => {
	const nouns = m.tokens.filter((t, i) => t.k === 'order' || t.k === 'orders' || t.k === 'parcel' || (t.k === 'buy' && boughtBefore(m, i)));
	const asking = m.find('track') >= 0 || m.find('status') >= 0 || m.find('where') >= 0 || m.find('wheres') >= 0;
	if (!nouns.length && !asking) return undefined;
	const range = dateRange(m.words, now);
	range?.used.forEach((i) => m.use(i));
	const number = m.takeNumber();
	if (number !== undefined) return { kind: 'order', number };
	if (!nouns.length && m.find('track') < 0) return undefined;
	const status = statusOf(m);
	const latest =
		m.tokens.some((t, i) => (t.k === 'latest' || t.w === 'last' || t.w === 'previous') && isOneOrder(m.tokens[i + 1])) ||
		(asking && !range && !status && m.find('my', 'order') >= 0);
	return {
		kind: 'orders',
		...(status ? { status } : {}),
		...(range ? { since: range.since, ...(range.until ? { until: range.until } : {}) } : {}),
		...(latest ? { latest: true as const } : {})
	};
};

/** "what's in my cart", "cart total", "my bag". */
const cart: Rule = (m) => {
	if (!m.tokens.some((t) => t.k === 'cart')) return undefined;
	const rest = m.tokens.filter((t) => t.k !== 'cart');
	return new Message(rest).product(cartWords) ? undefined : { kind: 'cart' };
};

/** "my favorites", "show my wishlist": looking at them, nothing named to add. */
const favoritesList: Rule = (m) => {
	if (!m.tokens.some((t) => t.k === 'fav')) return undefined;
	const rest = m.tokens.filter((t) => t.k !== 'fav');
	return new Message(rest).product(cartWords) ? undefined : { kind: 'favorites' };
};

/** "is the walnut board in stock", "how much is the scarf", "do you have any espresso cups left". */
const stock: Rule = (m) => {
	const stockCues: string[][] = [
		['in', 'stock'], ['out', 'of', 'stock'], ['stock'], ['available'], ['sold', 'out'], ['do', 'you', 'have'], ['have', 'you', 'got'],
		['do', 'you', 'sell'], ['do', 'you', 'carry'], ['you', 'got'], ['got', 'any'], ['is', 'there'], ['are', 'there'], ['how', 'many'], ['left'], ['remaining']
	];
	const priceCues: string[][] = [['how', 'much'], ['price'], ['how', 'expensive']];
	let asksStock = false;
	let asksPrice = false;
	for (const cue of stockCues) if (m.takeAll(...cue)) asksStock = true;
	for (const cue of priceCues) if (m.takeAll(...cue)) asksPrice = true;
	if (!asksStock && !asksPrice) return undefined;
	const ask: StockAsk = asksStock && asksPrice ? 'both' : asksPrice ? 'price' : 'stock';
	return { kind: 'stock', query: m.product(), ask };
};

/** "can i get 3 mugs", "i'll take two", "i'd like the scarf": a wish for a product is a cart line. */
const wish: Rule = (m) => {
	const before = (j: number, pattern: RegExp) => pattern.test(m.tokens[j]?.w ?? '');
	const i = m.tokens.findIndex(
		(t, j) =>
			/^(want|wanna|need|get|grab|take)$/.test(t.w) ||
			(t.w === 'like' && before(j - 1, /^(id|would)$/)) ||
			(t.w === 'have' && (before(j - 1, /^(ill|id)$/) || (before(j - 1, /^i$/) && before(j - 2, /^(can|could|may)$/))))
	);
	if (i < 0 || removes(m)) return undefined;
	m.use(i);
	const { target } = m.takeTarget();
	const quantity = m.takeQuantity()?.value ?? 1;
	const query = m.product(undefined, requestCues);
	return query ? { kind: 'add', query, quantity, target: target ?? 'cart' } : undefined;
};

const helpAsk = /\b(what (can|could) (you|i) (do|ask|say|type)|what do you do|how (does|do) (this|it|you) work|how do i use|who are you|what are you)\b/;

const smallTalk: Rule = (m) => {
	if (helpAsk.test(m.words.join(' '))) return { kind: 'help' };
	if (m.find('thanks') >= 0 || m.find('much', 'appreciated') >= 0 || m.find('appreciate', 'it') >= 0) return { kind: 'thanks' };
	if (m.find('help') >= 0) return { kind: 'help' };
	if (m.find('hello') >= 0 || /^good (morning|afternoon|evening|day)\b/.test(m.words.join(' '))) return { kind: 'greeting' };
	return undefined;
};

/** First rule that explains the message wins; each reads the message afresh. */
const rules: Rule[] = [cancel, place, add, orders, cart, favoritesList, stock, wish, smallTalk];

function parse(message: string, now: Date = new Date()): Intent {
	const text = typeof message === 'string' ? message : '';
	if (/^\s*\?[\s?]*$/.test(text)) return { kind: 'help' };
	const tokens: Token[] = tokenize(text);
	if (tokens.length) {
		for (const rule of rules) {
			const intent = rule(new Message(tokens), now);
			if (intent) return intent;
		}
	}
	return { kind: 'unknown', text };
}

/** Keywords, forgiving typos, in a fixed order of rules; no database, no network. */
export const rulesParser: IntentParser = { parse };

export function parseIntent(message: string, now?: Date): Intent {
	return rulesParser.parse(message, now);
}
