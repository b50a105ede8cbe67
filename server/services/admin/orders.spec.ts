import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/session';
import { orders, outboxEvents } from '../../db/schema';
import { emailProgress } from '../../../src/lib/shared/admin';
import { createCaller } from '../../trpc/root';
import { TEST_ADDRESS } from '../../testing/shop-fixtures';
import { listAudit } from '../audit';
import { payWithTestCard, startCheckout } from '../checkout';
import { claimDue, markSent } from '../email/outbox';
import { renderOrderEmail } from '../email/templates';
import { getOrder } from '../orders';
import { testProvider } from '../payments/test-provider';
import { useSeededShop } from '../../testing/seeded-shop';

const shop = useSeededShop();
let admin: SessionUser;
let shopper: SessionUser;

beforeAll(async () => {
	[admin] = await shop.fixtures.makeUsers(1, 'admin');
	[shopper] = await shop.fixtures.makeUsers(1);
});

const adminApi = () => createCaller({ db: shop.db, user: admin, session: null, payments: testProvider, ip: '203.0.113.7' }).admin;

async function paidOrder() {
	const cartId = await shop.fixtures.cartOf(shopper, [{ productId: await shop.fixtures.makeProduct(3), quantity: 1 }]);
	const shippingMethodId = await shop.fixtures.methodId();
	const order = await startCheckout(shop.db, shopper.id, { cartId, idempotencyKey: `key-${randomUUID()}`, shippingMethodId, address: TEST_ADDRESS, saveAddress: false }, testProvider);
	await payWithTestCard(shop.db, testProvider, shopper.id, { orderId: order.id, cardNumber: '4242424242424242' });
	return order;
}

const shippedEvents = async (orderId: string) =>
	shop.db.select().from(outboxEvents).where(and(eq(outboxEvents.orderId, orderId), eq(outboxEvents.type, 'order_fulfilled')));

describe('shipping an order with a carrier and a tracking number', () => {
	it('keeps both on the order, shows them to the shopper, puts them in the shipped email and the audit trail', async () => {
		const order = await paidOrder();
		const shipped = await adminApi().orders.move({ orderId: order.id, to: 'fulfilled', carrier: '  Harbour Post ', trackingNumber: 'HP-20261207-01' });
		expect(shipped).toMatchObject({ status: 'fulfilled', carrier: 'Harbour Post', trackingNumber: 'HP-20261207-01' });
		expect(await getOrder(shop.db, shopper.id, order.id)).toMatchObject({ carrier: 'Harbour Post', trackingNumber: 'HP-20261207-01' });
		expect(await shippedEvents(order.id)).toHaveLength(1);

		const [row] = await shop.db.select().from(orders).where(eq(orders.id, order.id));
		const email = renderOrderEmail({ type: 'order_fulfilled', payload: {}, order: row!, items: [], origin: 'https://shop.test' });
		expect(email.text).toContain('It travels with Harbour Post, tracking number HP-20261207-01.');

		const [entry] = (await listAudit(shop.db, { entityType: 'order', entityId: order.id, limit: 1 })).items;
		expect(entry!.changes).toMatchObject({ carrier: { before: null, after: 'Harbour Post' }, trackingNumber: { before: null, after: 'HP-20261207-01' } });
	});

	it('ships without them too, leaving both empty', async () => {
		const order = await paidOrder();
		expect(await adminApi().orders.move({ orderId: order.id, to: 'fulfilled', carrier: '', trackingNumber: ' ' })).toMatchObject({
			status: 'fulfilled',
			carrier: null,
			trackingNumber: null
		});
	});

	it.each([
		[{ to: 'fulfilled', trackingNumber: 'HP 2026' }, 'A tracking number has 3 to 40 letters, digits or dashes.'],
		[{ to: 'fulfilled', trackingNumber: 'HP' }, 'A tracking number has 3 to 40 letters, digits or dashes.'],
		[{ to: 'fulfilled', trackingNumber: 'H'.repeat(41) }, 'A tracking number has 3 to 40 letters, digits or dashes.'],
		[{ to: 'fulfilled', carrier: 'C'.repeat(41) }, 'Keep the carrier’s name to 40 characters.'],
		[{ to: 'cancelled', trackingNumber: 'HP-1234' }, 'A carrier and tracking number go with shipping only; clear them to cancel or refund.']
	] as const)('refuses %j with 400 and a sentence, writing nothing', async (bad, sentence) => {
		const order = await paidOrder();
		const refused = adminApi().orders.move({ orderId: order.id, ...bad });
		await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(refused).rejects.toSatisfy((e: { cause?: { issues?: { message: string }[] } }) => e.cause?.issues?.[0]?.message === sentence);
		const [row] = await shop.db.select().from(orders).where(eq(orders.id, order.id));
		expect(row).toMatchObject({ status: 'paid', carrier: null, trackingNumber: null });
		expect(await shippedEvents(order.id)).toEqual([]);
		expect((await listAudit(shop.db, { entityType: 'order', entityId: order.id, limit: 5 })).items).toEqual([]);
	});
});

describe("an order's emails", () => {
	it('read the same on the order page as on the emails page, while being sent and once sent', async () => {
		const order = await paidOrder();
		await adminApi().orders.move({ orderId: order.id, to: 'fulfilled' });
		// The sender takes every due email, this order's shipped one among them, and counts the attempt first.
		const claimed = await claimDue(shop.db, 100, 60_000);
		const shipped = claimed.find((e) => e.orderId === order.id && e.type === 'order_fulfilled')!;
		const progress = async () => {
			const forOrder = (await adminApi().emails.forOrder({ orderId: order.id })).find((e) => e.id === shipped.id)!;
			const listed = (await adminApi().emails.list({})).emails.find((e) => e.id === shipped.id)!;
			return [emailProgress(forOrder), emailProgress(listed)];
		};
		expect(await progress()).toEqual(['being sent now', 'being sent now']);
		await markSent(shop.db, shipped.id);
		expect(await progress()).toEqual(['sent', 'sent']);
	});
});
