/** A word of the message (`w`) and the keyword it stands for (`k`), if any. */
export interface Token {
	w: string;
	k?: string;
}

/** Keywords by meaning; the first group of a word wins. */
const vocabulary: Record<string, readonly string[]> = {
	order: ['order'],
	orders: ['orders', 'ordered', 'purchases', 'purchased', 'bought'],
	parcel: ['parcel', 'parcels', 'package', 'packages', 'delivery', 'deliveries', 'shipment', 'shipments'],
	cart: ['cart', 'carts', 'basket', 'baskets', 'bag', 'bags', 'trolley', 'trolleys'],
	fav: ['favorite', 'favorites', 'favourite', 'favourites', 'favorited', 'favourited', 'fave', 'faves', 'fav', 'favs', 'wishlist', 'wishlists'],
	stock: ['stock', 'stocks', 'stocked', 'instock', 'restock', 'restocked'],
	available: ['available', 'availability', 'unavailable'],
	price: ['price', 'prices', 'priced', 'pricing', 'cost', 'costs', 'expensive', 'pricey'],
	checkout: ['checkout', 'checkouts'],
	check: ['check'],
	cancel: ['cancel', 'cancellation', 'cancelation'],
	add: ['add', 'put', 'throw', 'toss', 'pop'],
	save: ['save'],
	buy: ['buy', 'purchase'],
	place: ['place', 'submit', 'confirm', 'complete', 'finish', 'finalise', 'finalize'],
	track: ['track', 'tracking'],
	status: ['status'],
	help: ['help'],
	hello: ['hi', 'hello', 'hey', 'hiya', 'heya', 'howdy', 'yo', 'hallo', 'hola', 'greetings'],
	thanks: ['thanks', 'thank', 'thankyou', 'thx', 'ty', 'tysm', 'tnx', 'thanx', 'cheers', 'ta'],
	latest: ['latest', 'newest', 'recent'],
	pending_payment: ['unpaid', 'unpayed', 'pending', 'awaiting', 'outstanding'],
	paid: ['paid'],
	fulfilled: ['shipped', 'sent', 'dispatched', 'delivered', 'fulfilled', 'arrived'],
	cancelled: ['cancelled', 'canceled'],
	refunded: ['refunded', 'refund', 'refunds'],
	today: ['today'],
	yesterday: ['yesterday'],
	day: ['day', 'days'],
	week: ['week', 'weeks'],
	month: ['month', 'months'],
	year: ['year', 'years'],
	january: ['january', 'jan'],
	february: ['february', 'feb'],
	march: ['march', 'mar'],
	april: ['april', 'apr'],
	may: ['may'],
	june: ['june', 'jun'],
	july: ['july', 'jul'],
	august: ['august', 'aug'],
	september: ['september', 'sept', 'sep'],
	october: ['october', 'oct'],
	november: ['november', 'nov'],
	december: ['december', 'dec']
};

/** Spellings worth forgiving a typo in: long enough, and without everyday neighbours. */
const forgiving = [
	'order', 'orders', 'purchases', 'parcel', 'package', 'delivery', 'cart', 'basket', 'trolley',
	'favorite', 'favorites', 'favourite', 'favourites', 'wishlist', 'stock', 'available', 'availability',
	'price', 'prices', 'checkout', 'check', 'cancel', 'cancellation', 'purchase', 'track', 'status',
	'help', 'hello', 'thanks', 'thank', 'cheers', 'latest', 'recent', 'unpaid', 'pending', 'awaiting',
	'shipped', 'dispatched', 'delivered', 'cancelled', 'canceled', 'refunded', 'today', 'yesterday',
	'january', 'february', 'april', 'august', 'september', 'october', 'november', 'december'
];

/** Real words one typo away from a keyword: "socks" is not "stock", "card" is not "cart". */
const notTypos = new Set(
	('sock socks stick sticks stack stacks stuck stork storks smock smocks shock shocks card cards care cars ' +
		'carp carb cant cast chart charts cancer cheek chick chuck chock hell hells held helm hemp think thinks ' +
		'thunk older border borders odder pride prize prizes prince prime prick statue statues stats truck trucks ' +
		'trick tricks tract trace tack tacks pendant pendants').split(' ')
);

const exact = new Map<string, string>();
for (const [key, forms] of Object.entries(vocabulary)) for (const form of forms) if (!exact.has(form)) exact.set(form, key);

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
			row.push(d);
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		before = previous;
		previous = row;
	}
	return Math.min(previous[b.length]!, max + 1);
}

/** One typo in words of 4+ letters, two in words of 7+; the first letter must be right. */
function allowance(a: string, b: string): number {
	const shorter = Math.min(a.length, b.length);
	return shorter >= 7 ? 2 : shorter >= 4 ? 1 : 0;
}

/** The keyword a word stands for, forgiving small typos. */
export function keyOf(word: string): string | undefined {
	const known = exact.get(word);
	if (known) return known;
	if (word.length < 4 || word.length > 16 || notTypos.has(word) || /\d/.test(word)) return undefined;
	let found: string | undefined;
	let closest = Infinity;
	for (const form of forgiving) {
		if (form[0] !== word[0]) continue;
		const max = allowance(form, word);
		const d = editDistance(word, form, max);
		if (d <= max && d < closest) [found, closest] = [exact.get(form), d];
	}
	return found;
}

/** Lower case, no punctuation; "#1042" reads as "order 1042" and "2x" as "2 x". */
export function normalize(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/['’‘`]/g, '')
		.replace(/(\d),(?=\d{3}\b)/g, '$1')
		.replace(/#\s*(\d+)/g, ' order $1 ')
		.replace(/\b(\d+)x\b/g, '$1 x')
		.replace(/\bx(\d+)\b/g, 'x $1')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.replace(/\bwish (lists?)\b/g, 'wish$1')
		.trim();
}

export function words(text: string): string[] {
	const clean = normalize(text);
	return clean ? clean.split(' ') : [];
}

/** Shorthand shoppers type for little words. */
const shorthand: Record<string, string> = { u: 'you', ya: 'you', r: 'are', ur: 'your', pls: 'please', plz: 'please' };

export function tokenize(text: string): Token[] {
	return words(text).map((raw) => {
		const w = shorthand[raw] ?? raw;
		const k = keyOf(w);
		return k ? { w, k } : { w };
	});
}
