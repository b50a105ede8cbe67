import { z } from './zod';
import type { ProductFace } from './catalog';
import { formatMoney } from './money';
import { lineTitle, saidWords, valuesNamed, variantLabel, variantsFitting, type ProductOption, type VariantView } from './variants';
import type { OrderStatus, OrderView } from './orders';

/** The longest message the assistant reads. */
export const MAX_MESSAGE_LENGTH = 500;
/** How long a proposal can be confirmed. */
export const PROPOSAL_MINUTES = 5;

export const assistantChatInput = z.strictObject({ message: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) });
export const assistantConfirmInput = z.strictObject({ proposalId: z.uuid() });

/** A product inside an answer: enough to show it and put it in the cart. */
export type ProductCard = ProductFace & {
	/** In the cart, when the answer is about the cart. */
	quantity?: number;
	/** When the device answered: when its stock figure came from the server (null: never). */
	stockAsOf?: string | null;
};

export type OrderCard = { number: number; status: OrderStatus; totalMinor: number; currency: string; placedAt: string; itemCount: number };

/** An order as an answer shows it, from the server or from the device alike. */
export const orderCard = (o: OrderView): OrderCard => ({
	number: o.number,
	status: o.status,
	totalMinor: o.totalMinor,
	currency: o.currency,
	placedAt: o.placedAt,
	itemCount: o.items.reduce((n, i) => n + i.quantity, 0)
});

/** A reply the shopper can pick instead of typing; `message` is sent as if typed. */
export type Choice = { label: string; message: string };

/** A line of a proposal: the variant (absent in proposals made before variants: the product's first) and its name for people. */
export type ProposalLine = { productId: string; variantId?: string; title: string; quantity: number; unitPriceMinor: number };

/** What a proposal does when confirmed: place an order, or cancel an unpaid one. */
export type ProposalAction = 'place' | 'cancel';

/** An order the assistant would place, or cancel, waiting for the shopper's Confirm. */
export type Proposal = {
	id: string;
	action: ProposalAction;
	/** The order to cancel. */
	orderNumber?: number;
	lines: ProposalLine[];
	subtotalMinor: number;
	shippingMinor: number;
	totalMinor: number;
	currency: string;
	shippingMethod: string;
	/** The delivery address on one line ('' when the order had none). */
	shipTo: string;
	expiresAt: string;
};

export type Answer = {
	text: string;
	products?: ProductCard[];
	orders?: OrderCard[];
	choices?: Choice[];
	proposal?: Proposal;
	/** An order the assistant placed, to be paid on its page. */
	order?: { number: number; totalMinor: number; currency: string };
	link?: { href: string; label: string };
	needsLogin?: true;
	suggestions?: string[];
	/** What the answer changed on the account, so the device fetches it. */
	changed?: 'cart' | 'favorites';
	/** Answered by the device without the network. */
	offline?: true;
};

export const helpSuggestions = ['My orders', 'Is the walnut board in stock?', 'My cart'];

export const helpText =
	'I can find your orders ("where is my last order", "unpaid orders from last week"), check stock and prices ("do you have espresso cups?"), ' +
	'add things to your cart or favorites ("add 2 espresso cups"), show your cart, place an order once you confirm it, and cancel an unpaid order.';

export const money = (minor: number, currency: string) => formatMoney(minor, currency);

/** "12 in stock", "only 3 left", "sold out". */
export function stockPhrase(inventory: number): string {
	if (inventory <= 0) return 'sold out';
	if (inventory <= 5) return `only ${inventory} left`;
	return `${inventory} in stock`;
}

/** "just now", "10 min ago", "3 h ago", "2 days ago". */
export function agePhrase(at: string | null | undefined, now = Date.now()): string {
	if (!at) return 'at an unknown time';
	const minutes = Math.max(0, Math.round((now - Date.parse(at)) / 60_000));
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${Math.round(hours / 24)} days ago`;
}

/** A product or one of its variants, as an answer prices it. */
export type Priced = Pick<ProductCard, 'title' | 'priceMinor' | 'currency' | 'inventory'>;

/**
 * The variant a message means among a product's live variants: the one its words name
 * (or the only one), else the answer asking which, with each variant still open as a reply
 * to pick. The server and the device (offline) answer alike.
 */
export function chooseVariant(
	card: ProductCard,
	sells: { options: ProductOption[]; variants: VariantView[] },
	message: string,
	rephrase: (title: string) => string,
	ask: string
): { variant: Priced & { id: string } } | { answer: Answer } {
	const fitting = variantsFitting(sells.variants, valuesNamed(sells.options, saidWords(message)));
	if (fitting.length === 1) {
		const v = fitting[0]!;
		return { variant: { id: v.id, title: lineTitle(card.title, sells.options, v.options), priceMinor: v.priceMinor, currency: card.currency, inventory: v.inventory } };
	}
	const open = (fitting.length ? fitting : sells.variants).map((v) => ({ v, label: variantLabel(sells.options, v.options) }));
	const list = open.map(({ v, label }) => `${label} (${stockPhrase(v.inventory)}, ${money(v.priceMinor, card.currency)})`);
	return {
		answer: {
			text: `${card.title} comes in ${list.join(', ')}. ${ask}`,
			products: [card],
			choices: open.map(({ label }) => ({ label, message: rephrase(`${card.title} ${label.replaceAll(' / ', ' ')}`) }))
		}
	};
}
