import { and, eq } from 'drizzle-orm';
import { money, PROPOSAL_MINUTES, type Answer, type Proposal, type ProposalLine } from '../../../src/lib/shared/assistant';
import { MAX_LINE_QUANTITY } from '../../../src/lib/shared/cart';
import { shippingCost, statusLabels, type OrderView } from '../../../src/lib/shared/orders';
import type { SessionUser } from '../../auth/session';
import type { Db, Tx } from '../../db/client';
import { assistantProposals, orders, type AssistantProposal } from '../../db/schema';
import { recordAudit } from '../audit';
import { placeOrder } from '../checkout';
import { addressFieldsOf, listAddresses, listShippingMethods } from '../delivery';
import { AppError } from '../errors';
import { cancelUnpaid, lockOrder } from '../orders';
import type { PaymentProvider } from '../payments/provider';
import { userCartId, userCartLines } from '../cart';
import { applyAccountMutation } from '../sync';
import { productCards, variantCards } from './products';

/** An answer that ends a confirmation without placing anything (the transaction rolls back). */
class Refusal extends Error {
	constructor(readonly answer: Answer) {
		super(answer.text);
	}
}

/** A line to order: a variant of a product (a line without one means the product's first, which carries its id). */
type NamedLine = { productId: string; variantId?: string; quantity: number };
const variantOf = (line: NamedLine) => line.variantId ?? line.productId;

/** Unknown, expired and someone else's proposals all read the same. */
const notValid: Answer = { text: 'That order proposal is no longer valid. Ask me to place the order again for a fresh one.', suggestions: ['Place my order', 'My cart'] };

const oneLine = (a: { name: string; line1: string; city: string; postalCode: string | null; country: string }) =>
	[a.name, a.line1, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].join(', ');

function view(p: AssistantProposal, shippingMethod: string, orderNumber?: number): Proposal {
	return {
		id: p.id,
		action: p.action,
		...(orderNumber !== undefined && { orderNumber }),
		lines: p.lines,
		subtotalMinor: p.subtotalMinor,
		shippingMinor: p.shippingMinor,
		totalMinor: p.totalMinor,
		currency: p.currency,
		shippingMethod,
		shipTo: p.address ? oneLine(p.address) : '',
		expiresAt: p.expiresAt.toISOString()
	};
}

/**
 * Prices an order for the shopper to confirm: the named product alone (`named`), or the
 * whole cart. Nothing changes but the stored proposal: the cart, stock and orders wait
 * for Confirm.
 */
export async function propose(db: Db, userId: string, named?: NamedLine): Promise<Answer> {
	const wanted: NamedLine[] = named ? [named] : await userCartLines(db, userId);
	if (!wanted.length) return { text: 'Your cart is empty, so there is nothing to order yet. Tell me what to add, e.g. "add 2 espresso cups".' };
	if (wanted.some((l) => l.quantity > MAX_LINE_QUANTITY)) return { text: `I can order at most ${MAX_LINE_QUANTITY} of one product at a time.` };
	const byId = await variantCards(db, wanted.map(variantOf));
	const cards = [...byId.values()];
	const short = wanted.filter((l) => (byId.get(variantOf(l))?.inventory ?? 0) < l.quantity);
	if (short.length) {
		const names = short.map((l) => {
			const c = byId.get(variantOf(l));
			return c ? `${c.title}: ${c.inventory > 0 ? `only ${c.inventory} left` : 'sold out'}` : 'a product that is no longer sold';
		});
		return { text: `I can't order that, there is not enough stock. ${names.join('; ')}.`, products: await productCards(db, [...new Set(wanted.map((l) => l.productId))]) };
	}
	const currencies = new Set(cards.map((c) => c.currency));
	if (currencies.size > 1) return { text: 'Your cart mixes currencies; please check out one currency at a time on the checkout page.', link: { href: '/checkout', label: 'Checkout' } };
	const currency = cards[0]!.currency;
	const [address] = await listAddresses(db, userId);
	if (!address) {
		return { text: 'I need a delivery address first. Add one to your address book, then ask me again.', link: { href: '/account/addresses', label: 'Add an address' } };
	}
	const lines: ProposalLine[] = wanted.map((l) => {
		const c = byId.get(variantOf(l))!;
		return { productId: c.productId, variantId: c.variantId, title: c.title, quantity: l.quantity, unitPriceMinor: c.priceMinor };
	});
	const subtotalMinor = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
	const methods = (await listShippingMethods(db, address.country)).filter((m) => m.currency === currency);
	const method = methods.sort((a, b) => shippingCost(a, subtotalMinor) - shippingCost(b, subtotalMinor) || a.priceMinor - b.priceMinor)[0];
	if (!method) return { text: `We don't deliver to ${address.country} in ${currency} yet.`, link: { href: '/account/addresses', label: 'Your addresses' } };
	const shippingMinor = shippingCost(method, subtotalMinor);
	const [row] = await db
		.insert(assistantProposals)
		.values({
			userId,
			lines,
			addLine: named ?? null,
			currency,
			subtotalMinor,
			shippingMinor,
			totalMinor: subtotalMinor + shippingMinor,
			shippingMethodId: method.id,
			address: addressFieldsOf(address),
			expiresAt: new Date(Date.now() + PROPOSAL_MINUTES * 60_000)
		})
		.returning();
	const rest = named && (await userCartLines(db, userId)).length ? ' The rest of your cart stays in your cart.' : '';
	return {
		text: `Here is the order I can place: total ${money(row!.totalMinor, currency)} with ${method.name} shipping to ${address.name}. Press Confirm within ${PROPOSAL_MINUTES} minutes to place it.${rest}`,
		proposal: view(row!, method.name)
	};
}

/** What changed since the proposal: prices, stock, products gone. */
async function changesSince(tx: Tx, p: AssistantProposal): Promise<string[]> {
	const cards = await variantCards(tx, p.lines.map(variantOf));
	return p.lines.flatMap((l) => {
		const c = cards.get(variantOf(l));
		if (!c) return [`${l.title} is no longer sold`];
		const out: string[] = [];
		if (c.priceMinor !== l.unitPriceMinor) out.push(`${l.title} now costs ${money(c.priceMinor, c.currency)} (was ${money(l.unitPriceMinor, p.currency)})`);
		if (c.inventory < l.quantity) out.push(c.inventory > 0 ? `only ${c.inventory} of ${l.title} left` : `${l.title} sold out`);
		return out;
	});
}

const sameLines = (a: NamedLine[], b: NamedLine[]) =>
	a.length === b.length && a.every((l) => b.some((m) => variantOf(m) === variantOf(l) && m.quantity === l.quantity));

/** Turns a pending cart into the proposal's lines alone, keeping the other lines to put back after. */
async function cartForNamed(tx: Tx, userId: string, named: NamedLine) {
	const kept = await userCartLines(tx, userId);
	await applyAccountMutation(tx, userId, 'cart.clear', {});
	await applyAccountMutation(tx, userId, 'cart.add', named);
	return kept;
}

/**
 * Places a proposal the shopper confirmed, once: its id is the idempotency key and its row
 * is locked, so confirmations sent together make one order and the later ones answer with
 * it. Refused, with nothing changed, when the proposal is unknown, expired, someone else's,
 * or prices, stock or the cart moved since. The audit row is written with the order.
 */
export async function confirmProposal(
	db: Db,
	user: SessionUser,
	ip: string | null,
	proposalId: string,
	payments: Pick<PaymentProvider, 'name' | 'cancel'>
): Promise<Answer> {
	try {
		return await db.transaction(async (tx) => {
			const [p] = await tx
				.select()
				.from(assistantProposals)
				.where(and(eq(assistantProposals.id, proposalId), eq(assistantProposals.userId, user.id)))
				.for('update');
			if (!p) throw new Refusal(notValid);
			if (p.action === 'cancel') return confirmCancel(tx, user, ip, p, payments);
			if (p.orderId) return placed(tx, p.orderId);
			if (p.expiresAt.getTime() <= Date.now()) throw new Refusal(notValid);
			const changes = await changesSince(tx, p);
			if (changes.length) {
				throw new Refusal({ text: `Things changed since I offered this order: ${changes.join('; ')}. Nothing was ordered. Ask me again for a new proposal.`, suggestions: ['Place my order', 'My cart'] });
			}
			let kept: NamedLine[] = [];
			if (p.addLine) kept = await cartForNamed(tx, user.id, p.addLine);
			else if (!sameLines(await userCartLines(tx, user.id), p.lines)) {
				throw new Refusal({ text: 'Your cart changed since I offered this order, so nothing was ordered. Ask me again for a new proposal.', suggestions: ['Place my order', 'My cart'] });
			}
			const cartId = await userCartId(tx, user.id);
			const placement = await placeOrder(tx, user.id, { cartId, idempotencyKey: p.id, shippingMethodId: p.shippingMethodId!, address: p.address! }, payments.name);
			const [order] = await tx.select().from(orders).where(eq(orders.id, placement.orderId));
			if (order!.totalMinor !== p.totalMinor) {
				throw new Refusal({ text: `The total would now be ${money(order!.totalMinor, order!.currency)}, not ${money(p.totalMinor, p.currency)}. Nothing was ordered. Ask me again for a new proposal.` });
			}
			// What else was in the cart goes back into the (new) cart, through the same mutators.
			for (const line of kept) await applyAccountMutation(tx, user.id, 'cart.add', line).catch(() => undefined);
			await tx.update(assistantProposals).set({ orderId: order!.id }).where(eq(assistantProposals.id, p.id));
			await recordAudit(tx, { id: user.id, email: user.email, ip }, {
				action: 'order.assistant_place',
				entityType: 'order',
				entityId: order!.id,
				changes: { proposal: { before: null, after: p.id }, number: { before: null, after: order!.number }, totalMinor: { before: null, after: order!.totalMinor } }
			});
			return placed(tx, order!.id);
		});
	} catch (error) {
		if (error instanceof Refusal) return error.answer;
		if (error instanceof AppError && error.code !== 'UNAUTHORIZED') return { text: `${error.message} Nothing was ordered.`, suggestions: ['My cart'] };
		throw error;
	}
}

/**
 * Offers to cancel one of the shopper's unpaid orders; nothing changes until Confirm. The
 * caller has checked the order is theirs and waiting for payment.
 */
export async function proposeCancel(db: Db, userId: string, order: OrderView): Promise<Answer> {
	const [row] = await db
		.insert(assistantProposals)
		.values({
			userId,
			action: 'cancel',
			lines: order.items,
			currency: order.currency,
			subtotalMinor: order.subtotalMinor,
			shippingMinor: order.shippingMinor,
			totalMinor: order.totalMinor,
			address: order.shippingAddress,
			orderId: order.id,
			expiresAt: new Date(Date.now() + PROPOSAL_MINUTES * 60_000)
		})
		.returning();
	return {
		text: `Cancel order #${order.number} (${money(order.totalMinor, order.currency)})? Its items go back on the shelf and nothing will be charged. Press Cancel order #${order.number} within ${PROPOSAL_MINUTES} minutes to do it.`,
		proposal: view(row!, order.shippingMethod ?? '', order.number)
	};
}

const cancelledAnswer = (number: number): Answer => ({
	text: `Order #${number} is cancelled; nothing will be charged.`,
	link: { href: `/account/orders/${number}`, label: `Order #${number}` }
});

/**
 * Cancels the order of a confirmed proposal, once, through the orders state machine (its
 * stock goes back). The payment is stopped first, with the order locked, so it cannot go
 * through after the stock went back. Audited like a placement.
 */
async function confirmCancel(
	tx: Tx,
	user: SessionUser,
	ip: string | null,
	p: AssistantProposal,
	payments: Pick<PaymentProvider, 'cancel'>
): Promise<Answer> {
	const order = p.orderId ? await lockOrder(tx, and(eq(orders.id, p.orderId), eq(orders.userId, user.id))!) : undefined;
	if (!order) throw new Refusal(notValid);
	if (p.confirmedAt) return cancelledAnswer(order.number);
	if (p.expiresAt.getTime() <= Date.now()) throw new Refusal(notValid);
	const moved = await cancelUnpaid(tx, order, payments, { reason: 'cancelled by the shopper through the assistant' });
	if (moved === 'paying') throw new Refusal({ text: `The payment for order #${order.number} is going through right now, so it can't be cancelled.` });
	if (moved === 'not_unpaid') {
		throw new Refusal({ text: `Order #${order.number} is ${statusLabels[order.status].toLowerCase()} now, so it was not cancelled; only unpaid orders can be.` });
	}
	await tx.update(assistantProposals).set({ confirmedAt: new Date() }).where(eq(assistantProposals.id, p.id));
	await recordAudit(tx, { id: user.id, email: user.email, ip }, {
		action: 'order.assistant_cancel',
		entityType: 'order',
		entityId: order.id,
		changes: { proposal: { before: null, after: p.id }, status: { before: order.status, after: 'cancelled' } }
	});
	return cancelledAnswer(order.number);
}

async function placed(tx: Tx, orderId: string): Promise<Answer> {
	const [o] = await tx.select().from(orders).where(eq(orders.id, orderId));
	return {
		text: `Order #${o!.number} is placed: ${money(o!.totalMinor, o!.currency)}, awaiting payment. Pay on its page to complete it.`,
		order: { number: o!.number, totalMinor: o!.totalMinor, currency: o!.currency },
		link: { href: `/account/orders/${o!.number}`, label: `Pay for order #${o!.number}` }
	};
}
