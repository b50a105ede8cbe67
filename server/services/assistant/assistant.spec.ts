import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/lib/shared/assistant';
import { createRateLimits } from '../../auth/rate-limit';
import type { SessionUser } from '../../auth/session';
import { assistantProposals, auditEvents, cartItems, carts, orderItems, orders, products, productVariants } from '../../db/schema';
import { TEST_ADDRESS } from '../../testing/shop-fixtures';
import { handleTrpcRequest } from '../../trpc/http';
import { startCheckout } from '../checkout';
import { createAddress } from '../delivery';
import { testProvider } from '../payments/test-provider';
import { chat } from './chat';
import { table } from './phrasings';
import { confirmProposal } from './proposals';
import { useSeededShop } from '../../testing/seeded-shop';

const shop = useSeededShop();

const ask = (user: SessionUser | null, message: string) => chat({ db: shop.db, user }, message);
const confirm = (user: SessionUser, proposalId: string) => confirmProposal(shop.db, user, '198.51.100.4', proposalId, testProvider);

/** A shopper with a default address and a cart holding `lines`. */
async function shopper(lines: { productId: string; quantity: number }[] = []): Promise<SessionUser> {
	const [user] = await shop.fixtures.makeUsers(1);
	await createAddress(shop.db, user.id, { address: TEST_ADDRESS, isDefault: true });
	if (lines.length) await shop.fixtures.cartOf(user, lines);
	return user;
}

async function productTitle(id: string): Promise<string> {
	const [row] = await shop.db.select({ title: products.title }).from(products).where(eq(products.id, id));
	return row!.title;
}

const ordersOf = (user: SessionUser) => shop.db.select().from(orders).where(eq(orders.userId, user.id));
const cartLinesOf = (user: SessionUser) =>
	shop.db.select({ productId: cartItems.productId, quantity: cartItems.quantity }).from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(eq(carts.userId, user.id));

/** An answer with the order number written as N, to compare answers about different numbers. */
const shape = (a: Answer, n: number) => JSON.stringify(a).replaceAll(String(n), 'N');

describe('assistant.chat', () => {
	it('answers about another user’s order exactly as about one that does not exist', async () => {
		const product = await shop.fixtures.makeProduct(10);
		const bob = await shopper();
		const bobCart = await shop.fixtures.cartOf(bob, [{ productId: product, quantity: 1 }]);
		const bobs = await startCheckout(shop.db, bob.id, { cartId: bobCart, idempotencyKey: randomUUID(), shippingMethodId: await shop.fixtures.methodId(), address: TEST_ADDRESS, saveAddress: false }, testProvider);
		const alice = await shopper();
		const [{ max }] = (await shop.db.select({ max: sql<number>`max(${orders.number})::int` }).from(orders)) as [{ max: number }];
		const missing = max + 1000;
		for (const phrase of ['where is order #', 'status of order ', 'cancel order ']) {
			const theirs = await ask(alice, `${phrase}${bobs.number}`);
			const none = await ask(alice, `${phrase}${missing}`);
			expect(shape(theirs, bobs.number)).toBe(shape(none, missing));
			expect(theirs.text).toMatch(/can't find/);
		}
		// Bob's order is untouched by Alice's "cancel".
		expect((await ordersOf(bob))[0]!.status).toBe('pending_payment');
		// And Bob himself is told about it.
		expect((await ask(bob, `where is order ${bobs.number}`)).text).toMatch(/awaiting payment/);
	});

	it('asks a visitor to sign in for orders, cart and favorites, and answers about products', async () => {
		for (const message of ['my orders', 'where is order 1042', "what's in my cart", 'add 2 espresso cups', 'place my order', 'my favorites', 'cancel order 3']) {
			const answer = await ask(null, message);
			expect(answer.needsLogin, message).toBe(true);
			expect(answer.orders ?? answer.products ?? answer.proposal).toBeUndefined();
		}
		const stock = await ask(null, 'do you have the walnut servng bord');
		expect(stock.needsLogin).toBeUndefined();
		expect(stock.products?.map((p) => p.title)).toEqual(['Walnut Serving Board']);
	});

	it('tells stock and price from the database as it is now, forgiving typos, and offers choices when unclear', async () => {
		const [board] = await shop.db.select().from(products).where(eq(products.title, 'Walnut Serving Board'));
		await shop.db.update(productVariants).set({ inventory: 7 }).where(eq(productVariants.id, board!.id));
		expect((await ask(null, 'is the walnut board in stok?')).text).toMatch(/7 in stock/);
		await shop.db.update(productVariants).set({ inventory: 0 }).where(eq(productVariants.id, board!.id));
		expect((await ask(null, 'is the walnut board in stock?')).text).toMatch(/sold out/);
		await shop.db.update(productVariants).set({ inventory: board!.inventory }).where(eq(productVariants.id, board!.id));
		const mugs = await ask(null, 'do you have mugs');
		expect(mugs.choices?.length).toBeGreaterThan(1);
		expect(mugs.choices!.map((c) => c.label)).toContain('Camp Enamel Mug');
		// Picking a choice names the product exactly, and then it is one.
		expect((await ask(null, mugs.choices![0]!.message)).products).toHaveLength(1);
	});

	it('never acts on an unclear product: "add mug" adds nothing', async () => {
		const alice = await shopper();
		const answer = await ask(alice, 'add 2 mugs to my cart');
		expect(answer.choices?.length).toBeGreaterThan(1);
		expect(await cartLinesOf(alice)).toEqual([]);
		const picked = await ask(alice, answer.choices![0]!.message);
		expect(picked.changed).toBe('cart');
		expect((await cartLinesOf(alice)).map((l) => l.quantity)).toEqual([2]);
	});
});

describe('what the assistant says of a refusal', () => {
	it('says it in a sentence, never in a validator’s notation: "add 0 espresso cups"', async () => {
		const alice = await shopper();
		const answer = await ask(alice, 'add 0 espresso cups');
		expect(answer.text).not.toMatch(/✖|→|\bexpected\b|>=|Too small/);
		expect(answer.text).toMatch(/: The quantity must be at least 1\.$/);
		expect(await cartLinesOf(alice)).toEqual([]);
	});
});

describe('assistant on a product in sizes', () => {
	// The demo's garden apron: Small 6, Medium sold out, Large 9 at a price of its own.
	const apron = async () => {
		const [row] = await shop.db.select({ id: products.id }).from(products).where(eq(products.slug, 'waxed-canvas-garden-apron'));
		const variants = await shop.db.select().from(productVariants).where(eq(productVariants.productId, row!.id));
		return { id: row!.id, size: (s: string) => variants.find((v) => v.options.Size === s)! };
	};

	it('tells the stock of the size asked for, and of every size when none is named', async () => {
		expect((await ask(null, 'is the garden apron in medium in stock?')).text).toBe('Sorry, Waxed Canvas Garden Apron (Medium) is sold out right now ($52.00).');
		expect((await ask(null, 'how much is the garden apron in large')).text).toBe('Waxed Canvas Garden Apron (Large) costs $58.00 (9 in stock).');
		const all = await ask(null, 'is the garden apron in stock');
		expect(all.text).toBe('Waxed Canvas Garden Apron comes in Small (6 in stock, $52.00), Medium (sold out, $52.00), Large (9 in stock, $58.00). Which one shall I check?');
		expect(all.choices?.map((c) => c.label)).toEqual(['Small', 'Medium', 'Large']);
		expect((await ask(null, all.choices![0]!.message)).text).toMatch(/^Yes, Waxed Canvas Garden Apron \(Small\) is in stock/);
	});

	it('adds the size named, and asks which when none is', async () => {
		const alice = await shopper();
		const { id, size } = await apron();
		expect((await ask(alice, 'add 2 small garden aprons to my cart')).text).toBe('Added 2 × Waxed Canvas Garden Apron (Small) to your cart.');
		const which = await ask(alice, 'add a garden apron to my cart');
		expect(which.text).toMatch(/^Waxed Canvas Garden Apron comes in Small .* Which one do you mean\?$/);
		expect(which.choices).toHaveLength(3);
		const lines = await shop.db.select({ variantId: cartItems.variantId, quantity: cartItems.quantity }).from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(eq(carts.userId, alice.id));
		expect(lines).toEqual([{ variantId: size('Small').id, quantity: 2 }]);
		expect(id).toBe(size('Small').productId);
	});

	it('proposes the size named at its own price, refuses a sold-out one, and orders the line with its SKU and values', async () => {
		const alice = await shopper();
		expect((await ask(alice, 'order 2 medium aprons')).text).toBe("I can't order that, there is not enough stock. Waxed Canvas Garden Apron (Medium): sold out.");
		const offer = await ask(alice, 'buy 1 waxed canvas garden apron large');
		expect(offer.proposal?.lines).toEqual([expect.objectContaining({ title: 'Waxed Canvas Garden Apron (Large)', unitPriceMinor: 5800, quantity: 1 })]);
		const done = await confirm(alice, offer.proposal!.id);
		expect(done.order).toBeDefined();
		const [order] = await ordersOf(alice);
		const [line] = await shop.db.select().from(orderItems).where(eq(orderItems.orderId, order!.id));
		expect(line).toMatchObject({ sku: 'WAXED-CANVAS-GARDEN-APRON-LARGE', options: { Size: 'Large' }, unitPriceMinor: 5800, quantity: 1 });
	});
});

describe('every phrasing', () => {
	it('gets an answer with text, for a visitor and for a shopper, and a visitor only ever a sign-in offer about accounts', async () => {
		const alice = await shopper();
		for (const [phrase, expected] of table) {
			const visitor = await ask(null, phrase);
			expect(visitor.text.length, phrase).toBeGreaterThan(0);
			const personal = !['stock', 'help', 'greeting', 'thanks', 'unknown'].includes(expected.kind);
			expect(visitor.needsLogin === true, phrase).toBe(personal);
			expect((await ask(alice, phrase)).text.length, phrase).toBeGreaterThan(0);
		}
	});
});

describe('assistant on orders', () => {
	/** An unpaid order of one unit, placed through checkout. */
	const orderOne = async (user: SessionUser, productId: string) => {
		const cartId = await shop.fixtures.cartOf(user, [{ productId, quantity: 1 }]);
		return startCheckout(shop.db, user.id, { cartId, idempotencyKey: randomUUID(), shippingMethodId: await shop.fixtures.methodId(), address: TEST_ADDRESS, saveAddress: false }, testProvider);
	};

	it('lists own orders by status, tells the last one, and cancels only an unpaid one of the shopper', async () => {
		const product = await shop.fixtures.makeProduct(10);
		const alice = await shopper();
		const place = () => orderOne(alice, product);
		const first = await place();
		const second = await place();
		await shop.db.update(orders).set({ status: 'paid', paidAt: new Date() }).where(eq(orders.id, first.id));
		expect((await ask(alice, 'unpaid orders')).orders?.map((o) => o.number)).toEqual([second.number]);
		expect((await ask(alice, 'my paid orders')).orders?.map((o) => o.number)).toEqual([first.number]);
		expect((await ask(alice, 'where is my last order')).text).toMatch(new RegExp(`#${second.number}, is awaiting payment`));
		expect((await ask(alice, 'my orders')).orders?.map((o) => o.number).sort()).toEqual([first.number, second.number].sort());

		expect((await ask(alice, `cancel order ${first.number}`)).text).toMatch(/is paid, so I can't cancel it/);
		const choices = await ask(alice, 'cancel my order');
		expect(choices.choices).toEqual([{ label: `Cancel #${second.number}`, message: `cancel order ${second.number}` }]);
		expect(await shop.fixtures.inventoryOf(product)).toBe(8);
		// Cancelling is offered, and nothing changes until Confirm.
		const offer = await ask(alice, choices.choices![0]!.message);
		expect(offer.text).toMatch(new RegExp(`^Cancel order #${second.number} \\(\\$`));
		expect(offer.proposal).toMatchObject({ action: 'cancel', orderNumber: second.number, totalMinor: second.totalMinor });
		expect((await ordersOf(alice)).find((o) => o.id === second.id)!.status).toBe('pending_payment');
		expect(await shop.fixtures.inventoryOf(product)).toBe(8);
		// Someone else's Confirm is refused like an unknown proposal.
		const bob = await shopper();
		expect((await confirm(bob, offer.proposal!.id)).text).toMatch(/no longer valid/);

		const answers = await Promise.all([confirm(alice, offer.proposal!.id), confirm(alice, offer.proposal!.id)]);
		for (const answer of answers) expect(answer.text).toBe(`Order #${second.number} is cancelled; nothing will be charged.`);
		const [cancelled] = await shop.db.select().from(orders).where(eq(orders.id, second.id));
		expect(cancelled!.status).toBe('cancelled');
		expect(await shop.fixtures.inventoryOf(product)).toBe(9);
		const audit = await shop.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, second.id), eq(auditEvents.action, 'order.assistant_cancel')));
		expect(audit).toEqual([expect.objectContaining({ actorId: alice.id, ip: '198.51.100.4', changes: { proposal: { before: null, after: offer.proposal!.id }, status: { before: 'pending_payment', after: 'cancelled' } } })]);
	});

	it('refuses an expired cancellation, and one whose order was paid meanwhile, cancelling nothing', async () => {
		const product = await shop.fixtures.makeProduct(10);
		const alice = await shopper();
		const place = () => orderOne(alice, product);
		const [stale, paid] = [await place(), await place()];
		const expired = (await ask(alice, `cancel order ${stale.number}`)).proposal!;
		await shop.db.update(assistantProposals).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(assistantProposals.id, expired.id));
		expect((await confirm(alice, expired.id)).text).toMatch(/no longer valid/);
		const offer = (await ask(alice, `cancel order ${paid.number}`)).proposal!;
		await shop.db.update(orders).set({ status: 'paid', paidAt: new Date() }).where(eq(orders.id, paid.id));
		expect((await confirm(alice, offer.id)).text).toBe(`Order #${paid.number} is paid now, so it was not cancelled; only unpaid orders can be.`);
		expect((await ordersOf(alice)).map((o) => o.status).sort()).toEqual(['paid', 'pending_payment']);
		expect(await shop.fixtures.inventoryOf(product)).toBe(8);
	});
});

describe('assistant proposals', () => {
	it('changes nothing until Confirm: no order, same stock, same cart', async () => {
		const product = await shop.fixtures.makeProduct(5);
		const alice = await shopper([{ productId: product, quantity: 2 }]);
		const answer = await ask(alice, 'place my order');
		expect(answer.proposal?.lines).toEqual([{ productId: product, variantId: product, title: await productTitle(product), quantity: 2, unitPriceMinor: 1250 }]);
		expect(answer.proposal!.totalMinor).toBe(2500 + 495);
		expect(await ordersOf(alice)).toEqual([]);
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
		expect(await cartLinesOf(alice)).toEqual([{ productId: product, quantity: 2 }]);
	});

	it('makes one order from three confirmations sent at once, with one audit row', async () => {
		const product = await shop.fixtures.makeProduct(5);
		const alice = await shopper([{ productId: product, quantity: 2 }]);
		const { proposal } = await ask(alice, 'checkout');
		const answers = await Promise.all([1, 2, 3].map(() => confirm(alice, proposal!.id)));
		const numbers = new Set(answers.map((a) => a.order?.number));
		expect(numbers.size).toBe(1);
		expect([...numbers][0]).toBeTypeOf('number');
		const placed = await ordersOf(alice);
		expect(placed).toHaveLength(1);
		expect(placed[0]!.idempotencyKey).toBe(proposal!.id);
		expect(placed[0]!.totalMinor).toBe(proposal!.totalMinor);
		expect(await shop.fixtures.inventoryOf(product)).toBe(3);
		const audit = await shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, placed[0]!.id));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorId: alice.id, actorEmail: alice.email, action: 'order.assistant_place', entityType: 'order', ip: '198.51.100.4' });
		expect(audit[0]!.changes.proposal).toEqual({ before: null, after: proposal!.id });
		// Later confirmations answer with the same order and add no audit row.
		expect((await confirm(alice, proposal!.id)).order?.number).toBe(placed[0]!.number);
		expect(await shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, placed[0]!.id))).toHaveLength(1);
	});

	it('writes exactly one audit row for every order placed through the assistant', async () => {
		const placed: string[] = [];
		for (let i = 0; i < 3; i++) {
			const product = await shop.fixtures.makeProduct(4);
			const alice = await shopper([{ productId: product, quantity: 1 }]);
			const { proposal } = await ask(alice, 'place the order');
			const done = await confirm(alice, proposal!.id);
			const [order] = await shop.db.select().from(orders).where(eq(orders.number, done.order!.number));
			placed.push(order!.id);
		}
		for (const id of placed) {
			expect(await shop.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'order.assistant_place')))).toHaveLength(1);
		}
	});

	it('refuses an expired proposal and another user’s proposal exactly as an unknown one, and orders nothing', async () => {
		const product = await shop.fixtures.makeProduct(5);
		const alice = await shopper([{ productId: product, quantity: 1 }]);
		const bob = await shopper();
		const { proposal } = await ask(alice, 'place my order');
		const unknown = await confirm(alice, randomUUID());
		expect(unknown.order).toBeUndefined();
		expect(await confirm(bob, proposal!.id)).toEqual(unknown);
		await shop.db.update(assistantProposals).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(assistantProposals.id, proposal!.id));
		expect(await confirm(alice, proposal!.id)).toEqual(unknown);
		expect(await ordersOf(alice)).toEqual([]);
		expect(await ordersOf(bob)).toEqual([]);
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
	});

	it('refuses when a price changed since the proposal, and a fresh proposal then goes through', async () => {
		const product = await shop.fixtures.makeProduct(5, 1000);
		const alice = await shopper([{ productId: product, quantity: 1 }]);
		const { proposal } = await ask(alice, 'place my order');
		await shop.db.update(products).set({ priceMinor: 1100 }).where(eq(products.id, product));
		const refused = await confirm(alice, proposal!.id);
		expect(refused.order).toBeUndefined();
		expect(refused.text).toMatch(/now costs \$11\.00 \(was \$10\.00\)/);
		expect(await ordersOf(alice)).toEqual([]);
		expect(await cartLinesOf(alice)).toEqual([{ productId: product, quantity: 1 }]);
		const again = await ask(alice, 'place my order');
		expect(again.proposal!.lines[0]!.unitPriceMinor).toBe(1100);
		expect((await confirm(alice, again.proposal!.id)).order).toBeDefined();
	});

	it('refuses when stock ran short since the proposal', async () => {
		const product = await shop.fixtures.makeProduct(2);
		const alice = await shopper([{ productId: product, quantity: 2 }]);
		const { proposal } = await ask(alice, 'place my order');
		await shop.db.update(productVariants).set({ inventory: 1 }).where(eq(productVariants.id, product));
		expect((await confirm(alice, proposal!.id)).text).toMatch(/only 1 of .* left/);
		expect(await ordersOf(alice)).toEqual([]);
	});

	it('orders a named product alone and keeps the rest of the cart', async () => {
		const other = await shop.fixtures.makeProduct(5);
		const alice = await shopper([{ productId: other, quantity: 1 }]);
		const { proposal } = await ask(alice, 'buy 2 walnut serving boards');
		expect(proposal!.lines.map((l) => [l.title, l.quantity])).toEqual([['Walnut Serving Board', 2]]);
		const done = await confirm(alice, proposal!.id);
		expect(done.order).toBeDefined();
		expect(await cartLinesOf(alice)).toEqual([{ productId: other, quantity: 1 }]);
	});

	it('says an address is needed instead of guessing one', async () => {
		const product = await shop.fixtures.makeProduct(5);
		const [carol] = await shop.fixtures.makeUsers(1);
		await shop.fixtures.cartOf(carol, [{ productId: product, quantity: 1 }]);
		const answer = await ask(carol, 'place my order');
		expect(answer.proposal).toBeUndefined();
		expect(answer.link?.href).toBe('/account/addresses');
	});
});

describe('assistant over HTTP', () => {
	it('answers 429 with Retry-After once a user is over the assistant budget', async () => {
		const limits = createRateLimits({ prefix: `assistant-${randomUUID()}`, limits: { assistant: { perUser: 3, perIp: 100, seconds: 60 } } });
		const [user] = await shop.fixtures.makeUsers(1);
		const send = () =>
			handleTrpcRequest(
				new Request('http://store.test/api/trpc/assistant.chat', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ message: 'is the walnut board in stock?' })
				}),
				{ db: shop.db, user, session: null, payments: testProvider, ip: '203.0.113.9', limits }
			);
		for (let i = 0; i < 3; i++) expect((await send()).status).toBe(200);
		const refused = await send();
		expect(refused.status).toBe(429);
		const wait = Number(refused.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect((await refused.json()).error.data.retryAfter).toBe(wait);
	});

	it('refuses an empty or overlong message with 400', async () => {
		const send = (message: string) =>
			handleTrpcRequest(
				new Request('http://store.test/api/trpc/assistant.chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }),
				{ db: shop.db, user: null, session: null, payments: testProvider, ip: null }
			);
		expect((await send('   ')).status).toBe(400);
		expect((await send('x'.repeat(501))).status).toBe(400);
		expect((await send('help')).status).toBe(200);
	});
});
