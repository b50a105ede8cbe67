import type { Intent } from '$lib/shared/intent-parser/intents';
import { parseIntent } from '$lib/shared/intent-parser/rules-parser';
import type { StoreDb } from '$lib/device/db';
import { readMeta } from '$lib/device/meta';
import { agePhrase, chooseVariant, helpSuggestions, helpText, money, stockPhrase, orderCard, type Answer, type ProductCard } from '$lib/shared/assistant';
import { MAX_LINE_QUANTITY } from '$lib/shared/cart';
import { productFace } from '$lib/shared/catalog';
import { statusLabels } from '$lib/shared/orders';
import { findNamed, ProductMatcher } from '$lib/shared/product-match';
import { saidWords, variantsOf } from '$lib/shared/variants';
import type { SyncProduct } from '$lib/shared/sync';

/**
 * What the device answers with no network: the same parser as the server, over what this
 * browser holds (catalog, stock as of the last sync, cart, favorites, recent orders).
 * Reads Dexie; changes go through `act`, the device's outbox, never straight to Dexie.
 */
export type DeviceAnswerer = {
	db: StoreDb;
	signedIn: boolean;
	act(name: 'cart.add' | 'favorites.add', args: { productId: string; variantId?: string; quantity?: number }): Promise<boolean>;
};

type TitleIndex = { matcher: ProductMatcher; valueWords: Set<string> };
const indexes = new WeakMap<StoreDb, { key: string; index: Promise<TitleIndex> }>();

/** The title index of the device's catalog, rebuilt when a pull moved the catalog on. */
async function indexOf(db: StoreDb): Promise<TitleIndex> {
	const key = `${(await readMeta(db, 'catalogCursor')) ?? ''}`;
	const held = indexes.get(db);
	if (held && held.key === key) return held.index;
	const index = db.products.toArray().then((rows) => ({
		matcher: new ProductMatcher(rows),
		valueWords: new Set(rows.flatMap((r) => (r.options ?? []).flatMap((o) => o.values.flatMap(saidWords))))
	}));
	indexes.set(db, { key, index });
	return index;
}

const offlineNote = ' (No network: answered from this device.)';
const login: Answer = { text: `Please sign in to use your orders, cart and favorites.${offlineNote}`, needsLogin: true, offline: true, link: { href: '/login', label: 'Sign in' } };

function card(p: SyncProduct, syncedAt: string | null, quantity?: number): ProductCard {
	return {
		...productFace(p),
		stockAsOf: syncedAt,
		...(quantity !== undefined && { quantity })
	};
}

async function productsById(db: StoreDb, ids: string[]): Promise<SyncProduct[]> {
	return (await db.products.bulkGet(ids)).filter((p): p is SyncProduct => p !== undefined);
}

/** The variant a message means (see `chooseVariant`), from what the device holds (see `variantsOf`). */
function oneVariant(p: SyncProduct, syncedAt: string | null, message: string, rephrase: (t: string) => string, ask: string) {
	const chosen = chooseVariant(card(p, syncedAt), { options: p.options ?? [], variants: variantsOf(p) }, message, rephrase, ask);
	return 'answer' in chosen ? { answer: { ...chosen.answer, text: chosen.answer.text + offlineNote, offline: true as const } } : chosen;
}

async function oneProduct(db: StoreDb, query: string, syncedAt: string | null, rephrase: (t: string) => string): Promise<SyncProduct | Answer> {
	if (!query) return { text: 'Which product do you mean?', suggestions: helpSuggestions, offline: true };
	const { matcher, valueWords } = await indexOf(db);
	const found = findNamed(matcher, query, valueWords);
	const products = await productsById(db, found.candidates);
	if (!products.length) return { text: `This device knows no product called "${query}".${offlineNote}`, offline: true };
	if (found.match && products.length === 1) return products[0]!;
	return {
		text: `Several products fit "${query}". Which one do you mean?${offlineNote}`,
		products: products.map((p) => card(p, syncedAt)),
		choices: products.map((p) => ({ label: p.title, message: rephrase(p.title) })),
		offline: true
	};
}


async function orders(db: StoreDb, intent: Extract<Intent, { kind: 'orders' }>): Promise<Answer> {
	const held = await db.orders.orderBy('placedAt').reverse().toArray();
	const found = held.filter(
		(o) => (!intent.status || o.status === intent.status) && (!intent.since || o.placedAt >= intent.since) && (!intent.until || o.placedAt < intent.until)
	);
	const shown = intent.latest ? found.slice(0, 1) : found.slice(0, 10);
	if (!shown.length) return { text: `This device holds none of your orders that fit.${offlineNote}`, offline: true };
	const first = shown[0]!;
	const text = intent.latest
		? `Your last order this device knows of, #${first.number}, was ${statusLabels[first.status].toLowerCase()} when it last synced (${money(first.totalMinor, first.currency)}).`
		: `This device holds ${found.length} of your orders that fit, as of its last sync.`;
	return { text: text + offlineNote, orders: shown.map(orderCard), offline: true };
}

export async function answerOnDevice(device: DeviceAnswerer, message: string, now = new Date()): Promise<Answer> {
	const { db } = device;
	const intent = parseIntent(message, now);
	const syncedAt = (await readMeta(db, 'syncedAt')) ?? null;
	const age = agePhrase(syncedAt, now.getTime());
	switch (intent.kind) {
		case 'stock': {
			const ask = intent.ask;
			const found = await oneProduct(db, intent.query, syncedAt, (t) => (ask === 'price' ? `price of ${t}` : `is ${t} in stock`));
			if (!('id' in found)) return found;
			const chosen = oneVariant(found, syncedAt, intent.query, (t) => (ask === 'price' ? `price of ${t}` : `is ${t} in stock`), 'Which one shall I check?');
			if ('answer' in chosen) return chosen.answer;
			const { variant } = chosen;
			const price = money(variant.priceMinor, variant.currency);
			const text =
				ask === 'price'
					? `${variant.title} cost ${price} as of ${age}.`
					: `${variant.title}: ${stockPhrase(variant.inventory)} as of ${age}, ${price} each. The shop checks again when you order.`;
			return { text: text + offlineNote, products: [card(found, syncedAt)], offline: true };
		}
		case 'add': {
			if (!device.signedIn) return login;
			const favorites = intent.target === 'favorites';
			const found = await oneProduct(db, intent.query, syncedAt, (t) => (favorites ? `add ${t} to my favorites` : `add ${intent.quantity} ${t} to my cart`));
			if (!('id' in found)) return found;
			const quantity = Math.min(intent.quantity, MAX_LINE_QUANTITY);
			let variant = { id: found.id, title: found.title };
			if (!favorites) {
				const chosen = oneVariant(found, syncedAt, intent.query, (t) => `add ${quantity} ${t} to my cart`, 'Which one do you mean?');
				if ('answer' in chosen) return chosen.answer;
				variant = chosen.variant;
			}
			const ok = await device.act(favorites ? 'favorites.add' : 'cart.add', favorites ? { productId: found.id } : { productId: found.id, variantId: variant.id, quantity });
			const text = !ok
				? `I couldn't add ${variant.title}.`
				: favorites
					? `${found.title} is in your favorites; the shop hears of it when you are back online.`
					: `Added ${quantity} × ${variant.title} to your cart; the shop hears of it when you are back online.`;
			return { text, products: [card(found, syncedAt)], offline: true };
		}
		case 'cart': {
			if (!device.signedIn) return login;
			const lines = await db.cart.toArray();
			if (!lines.length) return { text: `Your cart is empty.${offlineNote}`, offline: true };
			const products = await productsById(db, [...new Set(lines.map((l) => l.productId))]);
			const quantity = new Map<string, number>();
			for (const l of lines) quantity.set(l.productId, (quantity.get(l.productId) ?? 0) + l.quantity);
			const cards = products.map((p) => card(p, syncedAt, quantity.get(p.id)));
			const priceOf = new Map(products.flatMap((p) => variantsOf(p).map((v) => [v.id, v.priceMinor] as const)));
			const units = lines.reduce((n, l) => n + l.quantity, 0);
			const subtotal = lines.reduce((n, l) => n + l.quantity * (priceOf.get(l.variantId) ?? 0), 0);
			return {
				text: `Your cart holds ${units} ${units === 1 ? 'item' : 'items'}, ${money(subtotal, cards[0]?.currency ?? 'USD')} before shipping at the prices of ${age}.${offlineNote}`,
				products: cards,
				offline: true
			};
		}
		case 'favorites': {
			if (!device.signedIn) return login;
			const ids = (await db.favorites.orderBy('addedAt').reverse().toArray()).map((f) => f.productId);
			if (!ids.length) return { text: `You have no favorites yet.${offlineNote}`, offline: true };
			const products = await productsById(db, ids.slice(0, 20));
			return { text: `You have ${ids.length} ${ids.length === 1 ? 'favorite' : 'favorites'}.${offlineNote}`, products: products.map((p) => card(p, syncedAt)), offline: true };
		}
		case 'orders':
			return device.signedIn ? orders(db, intent) : login;
		case 'order': {
			if (!device.signedIn) return login;
			const o = (await db.orders.toArray()).find((x) => x.number === intent.number);
			if (!o) return { text: `This device doesn't hold order #${intent.number}; ask again when you are online.${offlineNote}`, offline: true };
			return { text: `Order #${o.number} was ${statusLabels[o.status].toLowerCase()} when this device last synced.${offlineNote}`, orders: [orderCard(o)], offline: true };
		}
		case 'place':
			return { text: 'Placing an order needs the network. Your cart is kept on this device; ask me again when you are back online.', offline: true };
		case 'cancel':
			return { text: 'Cancelling an order needs the network; ask me again when you are back online.', offline: true };
		case 'greeting':
			return { text: `Hello! You're offline, but I can still tell you about products, your cart, favorites and recent orders.`, suggestions: helpSuggestions, offline: true };
		case 'thanks':
			return { text: "You're welcome!", offline: true };
		case 'help':
			return { text: `${helpText} With no network I answer from this device.`, suggestions: helpSuggestions, offline: true };
		case 'unknown':
			return { text: `Sorry, I didn't understand that. ${helpText}`, suggestions: helpSuggestions, offline: true };
	}
}
