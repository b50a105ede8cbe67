import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { MutationRefused, type MutationNote, type OrderRequestArgs } from '../../src/lib/shared/mutations';
import { shortageMessage, type ShortLine } from '../../src/lib/shared/orders';
import { lineTitle } from '../../src/lib/shared/variants';
import type { OrderRequestOutcome } from '../../src/lib/shared/sync';
import type { Tx } from '../db/client';
import { carts, orderRequests, products, productVariants } from '../db/schema';
import { cartLines } from './cart';
import { placeOrderTo } from './checkout';
import { rememberAddress, UnknownAddress } from './delivery';
import { AppError } from './errors';
import { getOrder } from './orders';
import { formatMoney } from '../../src/lib/shared/money';

export type RequestContext = { userId: string | null; clientGroupId: string; mutationId: number; cartId: string; paymentProvider: string };

/** Requests of one group that a device is told about at each pull. */
const REPORTED = 20;

type RequestedLine = { productId: string; variantId?: string; quantity: number };

/** A line names its variant; a line naming only its product means the product's first variant (whose id is the product's). */
const variantOf = (line: RequestedLine) => line.variantId ?? line.productId;

const sameLines = (a: RequestedLine[], b: RequestedLine[]) => {
	const key = (lines: RequestedLine[]) =>
		lines
			.map((l) => `${variantOf(l)}:${l.quantity}`)
			.sort()
			.join(',');
	return key(a) === key(b);
};

/** The requested lines that stock cannot fill, with what is left of each. */
async function shortLines(tx: Tx, lines: RequestedLine[]): Promise<ShortLine[]> {
	const rows = await tx
		.select({ id: productVariants.id, title: products.title, options: products.options, values: productVariants.options, inventory: productVariants.inventory })
		.from(productVariants)
		.innerJoin(products, eq(products.id, productVariants.productId))
		.where(and(inArray(productVariants.id, lines.map(variantOf)), isNull(productVariants.deletedAt), isNull(products.deletedAt)));
	const found = new Map(rows.map((r) => [r.id, r]));
	return lines.flatMap((line) => {
		const variant = found.get(variantOf(line));
		const available = variant?.inventory ?? 0;
		if (available >= line.quantity) return [];
		const title = variant ? lineTitle(variant.title, variant.options, variant.values) : 'A product no longer sold';
		return [{ productId: line.productId, variantId: variantOf(line), title, requested: line.quantity, available }];
	});
}

const unavailable = (short: ShortLine[]) =>
	new MutationRefused(
		'UNAVAILABLE',
		`${shortageMessage(short)} Nothing was ordered.`,
		{ shortLines: short }
	);

/**
 * Places an order asked for offline, inside the push's savepoint (so any refusal undoes
 * it all), through the same `place_order` as online checkout, keyed by the group and the
 * mutation id. It orders exactly the lines the shopper saw, to the address and by the
 * method they chose, and never at a higher total than they saw.
 */
export async function placeRequestedOrder(tx: Tx, context: RequestContext, args: OrderRequestArgs): Promise<MutationNote> {
	const userId = context.userId;
	if (!userId) throw new MutationRefused('FORBIDDEN', 'Sign in to order.');
	if (args.cartId !== context.cartId) {
		const [owner] = await tx.select({ userId: carts.userId }).from(carts).where(eq(carts.id, args.cartId));
		if (owner && owner.userId !== userId) throw new MutationRefused('FORBIDDEN', 'That cart is not yours.');
		throw new MutationRefused('CONFLICT', 'Your cart was checked out or changed on another device. Review it and order again.');
	}
	const held = await cartLines(tx, context.cartId);
	if (!sameLines(held, args.lines)) {
		const short = await shortLines(tx, args.lines);
		if (short.length) throw unavailable(short);
		throw new MutationRefused('CONFLICT', 'Your cart changed on another device. Review it and order again.');
	}
	let placement;
	try {
		placement = await placeOrderTo(
			tx,
			userId,
			{ ...args, cartId: context.cartId, idempotencyKey: `${context.clientGroupId}:${context.mutationId}` },
			context.paymentProvider
		);
	} catch (error) {
		if (error instanceof UnknownAddress) throw new MutationRefused('FORBIDDEN', 'That address is not in your address book.');
		if (!(error instanceof AppError)) throw error;
		const short = (error.details as { shortLines?: ShortLine[] } | undefined)?.shortLines;
		if (short) throw unavailable(short);
		throw new MutationRefused(error.code === 'CONFLICT' ? 'CONFLICT' : 'INVALID', error.message);
	}
	const order = await getOrder(tx, userId, placement.orderId);
	if (order.totalMinor > args.expectedTotal) {
		throw new MutationRefused(
			'NEEDS_CONFIRMATION',
			`The total is now ${formatMoney(order.totalMinor, order.currency)}, more than the ${formatMoney(args.expectedTotal, order.currency)} you saw. Nothing was ordered; confirm the new total to order.`,
			{ totalMinor: order.totalMinor, expectedTotal: args.expectedTotal, currency: order.currency }
		);
	}
	// In the push's savepoint: a replay never gets here, and a refusal above keeps nothing.
	if (args.saveAddress && args.address) await rememberAddress(tx, userId, args.address);
	return { details: { orderId: order.id, orderNumber: order.number, totalMinor: order.totalMinor, currency: order.currency } };
}

/** Keeps what became of a request, in the transaction that decided it. */
export async function recordOrderRequest(
	tx: Tx,
	context: Omit<RequestContext, 'cartId' | 'paymentProvider'>,
	result: { ok: boolean; code?: string; message?: string; details?: Record<string, unknown> }
): Promise<void> {
	const orderId = result.ok ? ((result.details?.orderId as string | undefined) ?? null) : null;
	await tx
		.insert(orderRequests)
		.values({
			clientGroupId: context.clientGroupId,
			mutationId: context.mutationId,
			userId: context.userId,
			outcome: result.ok ? 'placed' : (result.code ?? 'INVALID'),
			orderId,
			message: result.message ?? null,
			details: result.details ?? null
		})
		.onConflictDoNothing();
}

/** The group's latest requests, newest first, for the device to bring its list up to date. */
export async function latestOrderRequests(tx: Tx, clientGroupId: string): Promise<OrderRequestOutcome[]> {
	const rows = await tx
		.select()
		.from(orderRequests)
		.where(eq(orderRequests.clientGroupId, clientGroupId))
		.orderBy(desc(orderRequests.mutationId))
		.limit(REPORTED);
	return rows.map((r) => ({
		mutationId: r.mutationId,
		outcome: r.outcome,
		orderId: r.orderId,
		message: r.message,
		details: (r.details as Record<string, unknown> | null) ?? null
	}));
}
