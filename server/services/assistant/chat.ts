import { asc, eq } from 'drizzle-orm';
import { chooseVariant, helpSuggestions, helpText, money, stockPhrase, type Answer, type Priced, type ProductCard } from '../../../src/lib/shared/assistant';
import { MAX_LINE_QUANTITY } from '../../../src/lib/shared/cart';
import { MutationRefused } from '../../../src/lib/shared/mutations';
import type { SessionUser } from '../../auth/session';
import type { Db } from '../../db/client';
import { favorites } from '../../db/schema';
import { applyAccountMutation } from '../sync';
import { userCartLines } from '../cart';
import type { Intent, IntentParser, StockAsk } from '../../../src/lib/shared/intent-parser/intents';
import { answerCancel, answerOrder, answerOrders } from './order-answers';
import { findProducts, productCards, productSells, variantCards } from './products';
import { propose } from './proposals';
import { rulesParser } from '../../../src/lib/shared/intent-parser/rules-parser';

export type AssistantContext = { db: Db; user: SessionUser | null };

const loginAnswer = (what: string): Answer => ({
	text: `Please sign in to see ${what}. I can tell you about products and stock without an account.`,
	needsLogin: true,
	link: { href: '/login', label: 'Sign in' },
	suggestions: ['Is the walnut board in stock?']
});

/** "a", "2 ×", for a sentence. */
const count = (n: number, title: string) => (n === 1 ? title : `${n} × ${title}`);

/** The product a message named, or the answer to give instead (not found, which one?). */
async function oneProduct(db: Db, query: string, rephrase: (title: string) => string): Promise<{ card: ProductCard } | { answer: Answer }> {
	if (!query) return { answer: { text: 'Which product do you mean? For example: "is the walnut board in stock?"', suggestions: helpSuggestions } };
	const found = await findProducts(db, query);
	if (!found.candidates.length) {
		return { answer: { text: `I couldn't find a product called "${query}". Try other words, or browse the catalog.`, link: { href: `/?q=${encodeURIComponent(query)}`, label: 'Search the catalog' } } };
	}
	const cards = await productCards(db, found.candidates);
	if (found.match && cards.length === 1) return { card: cards[0]! };
	return {
		answer: {
			text: `I found several products for "${query}". Which one do you mean?`,
			products: cards,
			choices: cards.map((c) => ({ label: c.title, message: rephrase(c.title) }))
		}
	};
}

/** The variant a message means, for a product of several (see `chooseVariant`). */
async function oneVariant(db: Db, card: ProductCard, message: string, rephrase: (title: string) => string, ask = 'Which one do you mean?') {
	return chooseVariant(card, await productSells(db, card.id), message, rephrase, ask);
}

function stockText(card: Priced, ask: StockAsk): string {
	const price = money(card.priceMinor, card.currency);
	if (ask === 'price') return `${card.title} costs ${price} (${stockPhrase(card.inventory)}).`;
	if (card.inventory <= 0) return `Sorry, ${card.title} is sold out right now (${price}).`;
	return ask === 'both' ? `${card.title} costs ${price}, and there are ${card.inventory} in stock.` : `Yes, ${card.title} is in stock: ${stockPhrase(card.inventory)}, ${price} each.`;
}

const stockQuestion: Record<StockAsk, (title: string) => string> = {
	stock: (t) => `is ${t} in stock`,
	price: (t) => `price of ${t}`,
	both: (t) => `how much is ${t} and is it in stock`
};

async function answerAdd(db: Db, user: SessionUser, intent: Extract<Intent, { kind: 'add' }>): Promise<Answer> {
	const toFavorites = intent.target === 'favorites';
	const found = await oneProduct(db, intent.query, (t) => (toFavorites ? `add ${t} to my favorites` : `add ${intent.quantity} ${t} to my cart`));
	if ('answer' in found) return found.answer;
	const { card } = found;
	if (!toFavorites && intent.quantity > MAX_LINE_QUANTITY) return { text: `I can add at most ${MAX_LINE_QUANTITY} of one product.`, products: [card] };
	let variant: { id: string; title: string } = { id: card.id, title: card.title };
	if (!toFavorites) {
		const chosen = await oneVariant(db, card, intent.query, (t) => `add ${intent.quantity} ${t} to my cart`);
		if ('answer' in chosen) return chosen.answer;
		variant = chosen.variant;
	}
	try {
		const note = await db.transaction((tx) =>
			toFavorites
				? applyAccountMutation(tx, user.id, 'favorites.add', { productId: card.id })
				: applyAccountMutation(tx, user.id, 'cart.add', { productId: card.id, variantId: variant.id, quantity: intent.quantity })
		);
		const [fresh] = await productCards(db, [card.id]);
		const text = toFavorites ? `${card.title} is in your favorites.` : note?.message ? `${variant.title}: ${note.message}` : `Added ${count(intent.quantity, variant.title)} to your cart.`;
		return { text, products: [fresh ?? card], changed: toFavorites ? 'favorites' : 'cart', suggestions: toFavorites ? ['My favorites'] : ['My cart', 'Place my order'] };
	} catch (error) {
		if (error instanceof MutationRefused) return { text: `${card.title}: ${error.message}`, products: [card] };
		throw error;
	}
}

async function answerCart(db: Db, userId: string): Promise<Answer> {
	const lines = await userCartLines(db, userId);
	if (!lines.length) return { text: 'Your cart is empty.', suggestions: ['Is the walnut board in stock?'] };
	const [cards, variants] = await Promise.all([productCards(db, [...new Set(lines.map((l) => l.productId))]), variantCards(db, lines.map((l) => l.variantId))]);
	const quantities = new Map<string, number>();
	for (const l of lines) quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
	const products = cards.map((c) => ({ ...c, quantity: quantities.get(c.id)! }));
	const units = lines.reduce((n, l) => n + l.quantity, 0);
	const subtotal = lines.reduce((n, l) => n + l.quantity * (variants.get(l.variantId)?.priceMinor ?? 0), 0);
	return {
		text: `Your cart holds ${units} ${units === 1 ? 'item' : 'items'}, ${money(subtotal, products[0]?.currency ?? 'USD')} before shipping.`,
		products,
		link: { href: '/cart', label: 'Open the cart' },
		suggestions: ['Place my order']
	};
}

async function answerFavorites(db: Db, userId: string): Promise<Answer> {
	const rows = await db.select({ productId: favorites.productId }).from(favorites).where(eq(favorites.userId, userId)).orderBy(asc(favorites.createdAt));
	if (!rows.length) return { text: 'You have no favorites yet. Say "add the walnut board to my favorites" to keep one.' };
	const products = await productCards(db, rows.map((r) => r.productId).reverse().slice(0, 20));
	return { text: `You have ${rows.length} ${rows.length === 1 ? 'favorite' : 'favorites'}.`, products, link: { href: '/favorites', label: 'All favorites' } };
}

async function answerPlace(db: Db, userId: string, intent: Extract<Intent, { kind: 'place' }>): Promise<Answer> {
	if (!intent.query) return propose(db, userId);
	const quantity = intent.quantity ?? 1;
	const found = await oneProduct(db, intent.query, (t) => `buy ${quantity} ${t}`);
	if ('answer' in found) return found.answer;
	const chosen = await oneVariant(db, found.card, intent.query, (t) => `buy ${quantity} ${t}`);
	if ('answer' in chosen) return chosen.answer;
	return propose(db, userId, { productId: found.card.id, variantId: chosen.variant.id, quantity });
}

const smallTalk = {
	greeting: { text: `Hello! ${helpText}`, suggestions: helpSuggestions },
	thanks: { text: "You're welcome! Anything else?", suggestions: helpSuggestions },
	help: { text: helpText, suggestions: helpSuggestions }
} satisfies Record<string, Answer>;

/** Answers one intent; every kind the parser gives has an answer. */
export async function answerIntent(ctx: AssistantContext, intent: Intent): Promise<Answer> {
	const { db, user } = ctx;
	switch (intent.kind) {
		case 'stock': {
			const found = await oneProduct(db, intent.query, stockQuestion[intent.ask]);
			if ('answer' in found) return found.answer;
			const chosen = await oneVariant(db, found.card, intent.query, stockQuestion[intent.ask], 'Which one shall I check?');
			return 'answer' in chosen ? chosen.answer : { text: stockText(chosen.variant, intent.ask), products: [found.card] };
		}
		case 'orders':
			return user ? answerOrders(db, user.id, intent) : loginAnswer('your orders');
		case 'order':
			return user ? answerOrder(db, user.id, intent.number) : loginAnswer('your orders');
		case 'cancel':
			return user ? answerCancel(db, user.id, intent.number) : loginAnswer('and cancel your orders');
		case 'add':
			return user ? answerAdd(db, user, intent) : loginAnswer(intent.target === 'favorites' ? 'and keep favorites' : 'and fill your cart');
		case 'cart':
			return user ? answerCart(db, user.id) : loginAnswer('your cart');
		case 'favorites':
			return user ? answerFavorites(db, user.id) : loginAnswer('your favorites');
		case 'place':
			return user ? answerPlace(db, user.id, intent) : loginAnswer('and place orders');
		case 'greeting':
		case 'thanks':
		case 'help':
			return smallTalk[intent.kind];
		case 'unknown':
			return { text: `Sorry, I didn't understand that. ${helpText}`, suggestions: helpSuggestions };
	}
}

/** One message in, one answer out: parsed by rules on this server, acted on through the shop's services. */
export async function chat(ctx: AssistantContext, message: string, parser: IntentParser = rulesParser, now = new Date()): Promise<Answer> {
	return answerIntent(ctx, parser.parse(message, now));
}
