import { money, orderCard, type Answer } from '../../../src/lib/shared/assistant';
import { statusLabels, type OrderView } from '../../../src/lib/shared/orders';
import type { Db } from '../../db/client';
import { AppError } from '../errors';
import { getOrder, listOrders } from '../orders';
import { proposeCancel } from './proposals';
import type { Intent } from '../../../src/lib/shared/intent-parser/intents';

/** How far back "my orders" looks when a date range is asked for. */
const PAGES = 4;
const SHOWN = 10;

const label = (o: Pick<OrderView, 'status'>) => statusLabels[o.status].toLowerCase();

/** The same words whether the order is someone else's or does not exist. */
export const noSuchOrder = (number: number): Answer => ({
	text: `I can't find order #${number} on your account.`,
	link: { href: '/account/orders', label: 'All your orders' },
	suggestions: ['My orders']
});

function rangeWords(intent: Extract<Intent, { kind: 'orders' }>): string {
	if (!intent.since) return '';
	const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
	const until = intent.until ? new Date(Date.parse(intent.until) - 1).toISOString() : null;
	return until ? ` from ${day(intent.since)} to ${day(until)}` : ` since ${day(intent.since)}`;
}

export async function answerOrders(db: Db, userId: string, intent: Extract<Intent, { kind: 'orders' }>): Promise<Answer> {
	const found: OrderView[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < (intent.since ? PAGES : 1); page++) {
		// Without a date range only the newest few are shown, so only those are read.
		const limit = intent.since ? 50 : intent.latest ? 1 : SHOWN + 1;
		const result = await listOrders(db, userId, { ordering: '-placedAt', limit, ...(intent.status && { status: intent.status }), ...(cursor && { cursor }) });
		found.push(...result.items);
		const oldest = result.items.at(-1);
		if (!result.nextCursor || (intent.since && oldest && oldest.placedAt < intent.since)) break;
		cursor = result.nextCursor;
	}
	const inRange = found.filter((o) => (!intent.since || o.placedAt >= intent.since) && (!intent.until || o.placedAt < intent.until));
	const kind = intent.status ? `${statusLabels[intent.status].toLowerCase()} ` : '';
	const link = { href: '/account/orders', label: 'All your orders' };
	if (!inRange.length) return { text: `You have no ${kind}orders${rangeWords(intent)}.`, link, suggestions: ['My cart', 'Help'] };
	if (intent.latest) {
		const o = inRange[0]!;
		return {
			text: `Your last ${kind}order, #${o.number}, is ${label(o)} (${money(o.totalMinor, o.currency)}, ${o.items.length} ${o.items.length === 1 ? 'line' : 'lines'}).`,
			orders: [orderCard(o)],
			link: { href: `/account/orders/${o.number}`, label: `Order #${o.number}` }
		};
	}
	const shown = inRange.slice(0, SHOWN);
	const many = inRange.length > SHOWN;
	const text = many
		? `Here are your latest ${SHOWN} ${kind}orders${rangeWords(intent)}.`
		: `You have ${inRange.length} ${kind}${inRange.length === 1 ? 'order' : 'orders'}${rangeWords(intent)}.`;
	return {
		text,
		orders: shown.map(orderCard),
		link
	};
}

/** One of the shopper's orders by number, or null when it is not theirs or does not exist. */
async function ownOrder(db: Db, userId: string, number: number): Promise<OrderView | null> {
	try {
		return await getOrder(db, userId, number);
	} catch (error) {
		if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
		throw error;
	}
}

export async function answerOrder(db: Db, userId: string, number: number): Promise<Answer> {
	const o = await ownOrder(db, userId, number);
	if (!o) return noSuchOrder(number);
	const lines = o.items.map((i) => `${i.quantity} × ${i.title}`).join(', ');
	const pay = o.status === 'pending_payment' ? ' It is waiting for payment; you can pay on its page.' : '';
	return {
		text: `Order #${o.number} is ${label(o)}: ${lines}; total ${money(o.totalMinor, o.currency)}.${pay}`,
		orders: [orderCard(o)],
		link: { href: `/account/orders/${o.number}`, label: `Order #${o.number}` }
	};
}

/**
 * Offers to cancel one of the shopper's unpaid orders, to be confirmed like an order the
 * assistant places (`confirmProposal`); without a number, offers the unpaid ones to pick from.
 */
export async function answerCancel(db: Db, userId: string, number?: number): Promise<Answer> {
	if (number === undefined) {
		const unpaid = (await listOrders(db, userId, { ordering: '-placedAt', status: 'pending_payment', limit: 10 })).items;
		if (!unpaid.length) return { text: 'You have no unpaid orders to cancel. Paid orders are cancelled by the shop: reply to your order email.' };
		return {
			text: 'Which unpaid order should I cancel?',
			orders: unpaid.map(orderCard),
			choices: unpaid.map((o) => ({ label: `Cancel #${o.number}`, message: `cancel order ${o.number}` }))
		};
	}
	const order = await ownOrder(db, userId, number);
	if (!order) return noSuchOrder(number);
	if (order.status !== 'pending_payment') {
		return { text: `Order #${number} is ${label(order)}, so I can't cancel it here; only unpaid orders can be. Reply to your order email for help.` };
	}
	return proposeCancel(db, userId, order);
}
