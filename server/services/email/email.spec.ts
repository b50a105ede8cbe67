import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/session';
import { orders, outboxEvents, users } from '../../db/schema';
import { shopFixtures, TEST_ADDRESS } from '../../testing/shop-fixtures';
import { payWithTestCard, startCheckout } from '../checkout';
import { getOrder, lockOrder, moveOrder } from '../orders';
import { testProvider } from '../payments/test-provider';
import { readMailbox } from './mailbox';
import { adminRetryEmail } from '../admin/emails';
import { listAudit } from '../audit';
import { backoffMs } from '../outbox-rows';
import { claimDue, emailsForOrder, listEmails } from './outbox';
import { startSmtpServer } from './smtp-test-server';
import { emailSender, type SenderOptions } from './worker';
import { mailboxTransport, smtpTransport, type MailTransport } from './transport';
import { useSeededShop } from '../../testing/seeded-shop';

type Fixtures = ReturnType<typeof shopFixtures>;
type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

const ORIGIN = 'https://shop.example.com';
const FROM = 'Store <orders@shop.example.com>';

const shop = useSeededShop();
let smtp: Smtp;
const transports: MailTransport[] = [];

beforeAll(async () => {
	smtp = await startSmtpServer();
});
afterAll(async () => {
	await smtp?.close();
});
afterEach(async () => {
	for (const t of transports.splice(0)) t.close();
	// Each test drains only its own rows: older ones are done with.
	await shop.db.update(outboxEvents).set({ sentAt: new Date() }).where(sql`${outboxEvents.sentAt} is null`);
	smtp.received.length = 0;
	smtp.state.refuse = false;
});

function sender(options: Partial<SenderOptions> = {}) {
	const transport = options.transport ?? smtpTransport(smtp.url);
	transports.push(transport);
	return emailSender(shop.db, { from: FROM, origin: ORIGIN, backoffBaseMs: 1, backoffCapMs: 5, ...options, transport });
}

const idOf = (messageId: string) => messageId.replace(/^<|@.*$/g, '');

async function placeOrder(user: SessionUser, lines: { productId: string; quantity: number }[]) {
	const cartId = await shop.fixtures.cartOf(user, lines);
	return startCheckout(shop.db, user.id, { cartId, idempotencyKey: randomUUID(), shippingMethodId: shop.methods.standard, address: TEST_ADDRESS, saveAddress: false }, testProvider);
}

describe('order emails over SMTP', () => {
	it('placing and paying an order delivers exactly one confirmation and one payment email, with lines, totals and link', async () => {
		const [alice] = await shop.fixtures.makeUsers(1);
		const kettle = await shop.fixtures.makeProduct(5, 1000);
		const mugs = await shop.fixtures.makeProduct(5, 250);
		const order = await placeOrder(alice, [
			{ productId: kettle, quantity: 2 },
			{ productId: mugs, quantity: 3 }
		]);
		await payWithTestCard(shop.db, testProvider, alice.id, { orderId: order.id, cardNumber: '4242 4242 4242 4242' });
		const mail = sender();
		expect((await mail.drain()).sent).toBe(2);
		expect((await mail.drain()).claimed).toBe(0);

		expect(smtp.received).toHaveLength(2);
		const subjects = [`Order ${order.number} received — awaiting payment`, `Payment received for order ${order.number}`];
		const [confirmation, payment] = subjects.map((subject) => {
			const found = smtp.received.filter((r) => r.mail.subject === subject);
			expect(found, subject).toHaveLength(1);
			return found[0]!;
		});
		const events = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
		expect(new Set(smtp.received.map((r) => idOf(r.messageId)))).toEqual(new Set(events.map((e) => e.id)));
		expect(events.every((e) => e.sentAt instanceof Date)).toBe(true);

		for (const r of [confirmation!, payment!]) {
			expect(r.to).toBe(alice.email);
			expect(r.mail.from?.value[0]).toMatchObject({ name: 'Store', address: 'orders@shop.example.com' });
			expect(r.messageId).toMatch(/^<[0-9a-f-]{36}@shop\.example\.com>$/);
			const text = r.mail.text!;
			const html = r.mail.html as string;
			for (const part of [text, html]) {
				expect(part).toContain(`${ORIGIN}/account/orders/${order.number}`);
				expect(part).toContain(order.items.find((i) => i.productId === kettle)!.title);
				expect(part).toContain('$20.00'); // 2 × $10.00
				expect(part).toContain('$7.50'); // 3 × $2.50
				expect(part).toContain('$27.50'); // subtotal
				expect(part).toContain('$4.95'); // Standard shipping
				expect(part).toContain('$32.45'); // total
			}
			expect(text).toMatch(/2 × Test .*\n\s+\$10\.00 each, \$20\.00/);
		}
		expect(confirmation!.mail.text).toContain('Status: Awaiting payment');
		expect(payment!.mail.text).toContain('Status: Paid');

		const seen = await getOrder(shop.db, alice.id, order.id);
		expect(seen.confirmationSentAt).toBe(events.find((e) => e.type === 'order_created')!.sentAt!.toISOString());
		const listed = await emailsForOrder(shop.db, order.id);
		expect(listed.map((e) => [e.type, e.state]).sort()).toEqual([
			['order_created', 'sent'],
			['order_paid', 'sent']
		]);
	});

	it('a server refusing for a while loses nothing: every email arrives once when it accepts again', async () => {
		const [bob] = await shop.fixtures.makeUsers(1);
		const product = await shop.fixtures.makeProduct(20);
		const placed = [];
		for (let i = 0; i < 5; i++) placed.push(await placeOrder(bob, [{ productId: product, quantity: 1 }]));
		smtp.state.refuse = true;
		const mail = sender({ backoffBaseMs: 20, backoffCapMs: 40, maxAttempts: 50 });
		for (let round = 0; round < 3; round++) {
			await mail.drain();
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(smtp.state.refusals).toBeGreaterThanOrEqual(5);
		expect(smtp.received).toHaveLength(0);
		const pending = await shop.db.select().from(outboxEvents).where(inArray(outboxEvents.orderId, placed.map((o) => o.id)));
		expect(pending.every((e) => e.sentAt === null && e.failedAt === null && e.attempts >= 2)).toBe(true);
		expect(pending[0]!.lastError).toMatch(/451/);

		smtp.state.refuse = false;
		for (let tries = 0; smtp.received.length < 5 && tries < 50; tries++) {
			await mail.drain();
			await new Promise((r) => setTimeout(r, 50));
		}
		await mail.drain();
		expect(smtp.received.map((r) => idOf(r.messageId)).sort()).toEqual(pending.map((e) => e.id).sort());
	});

	it('two workers draining 500 events at once send 500 distinct messages, none twice', async () => {
		const [carol] = await shop.fixtures.makeUsers(1);
		const order = await placeOrder(carol, [{ productId: await shop.fixtures.makeProduct(3), quantity: 1 }]);
		await shop.db.update(outboxEvents).set({ sentAt: new Date() }).where(eq(outboxEvents.orderId, order.id));
		const rows = Array.from({ length: 500 }, () => ({ type: 'order_fulfilled' as const, userId: carol.id, orderId: order.id, payload: { number: order.number } }));
		const inserted = await shop.db.insert(outboxEvents).values(rows).returning({ id: outboxEvents.id });
		const [one, two] = [sender({ batch: 25 }), sender({ batch: 25 })];
		const [a, b] = await Promise.all([one.drain(), two.drain()]);
		expect(a.sent + b.sent).toBe(500);
		const ids = smtp.received.map((r) => idOf(r.messageId));
		expect(ids).toHaveLength(500);
		expect(new Set(ids).size).toBe(500);
		expect(new Set(ids)).toEqual(new Set(inserted.map((r) => r.id)));
	});

	it('an order whose transaction rolls back leaves no email behind', async () => {
		const [dave] = await shop.fixtures.makeUsers(1);
		// Checkout refused (not enough stock): place_order undoes everything, its event too.
		const scarce = await shop.fixtures.makeProduct(1);
		await expect(placeOrder(dave, [{ productId: scarce, quantity: 2 }])).rejects.toMatchObject({ code: 'CONFLICT' });
		// A status change whose transaction fails after the event was written.
		const order = await placeOrder(dave, [{ productId: await shop.fixtures.makeProduct(2), quantity: 1 }]);
		await shop.db.update(outboxEvents).set({ sentAt: new Date() }).where(eq(outboxEvents.orderId, order.id));
		await expect(
			shop.db.transaction(async (tx) => {
				const locked = await lockOrder(tx, eq(orders.id, order.id));
				expect(await moveOrder(tx, locked!, 'cancelled', { reason: 'by the shop' })).not.toBeNull();
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		const left = await shop.db.select().from(outboxEvents).where(and(eq(outboxEvents.userId, dave.id), sql`${outboxEvents.sentAt} is null`));
		expect(left).toEqual([]);
		expect((await sender().drain()).claimed).toBe(0);
		expect(smtp.received).toHaveLength(0);
	});
});

describe('failures', () => {
	it('a malformed address on an account is a failed row with its reason, and the worker carries on', async () => {
		const [bad] = await shop.db.insert(users).values({ email: 'not an address', passwordHash: 'x' }).returning();
		const [good] = await shop.fixtures.makeUsers(1);
		const product = await shop.fixtures.makeProduct(5);
		const badOrder = await placeOrder(bad!, [{ productId: product, quantity: 1 }]);
		const goodOrder = await placeOrder(good, [{ productId: product, quantity: 1 }]);
		const result = await sender().drain();
		expect(result).toMatchObject({ sent: 1, failed: 1 });
		const [failed] = await emailsForOrder(shop.db, badOrder.id);
		expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: 'Invalid recipient address: "not an address"' });
		expect(smtp.received.map((r) => r.to)).toEqual([good.email]);
		expect((await emailsForOrder(shop.db, goodOrder.id))[0]!.state).toBe('sent');
		expect((await listEmails(shop.db, 'failed')).map((e) => e.id)).toContain(failed!.id);
	});

	it('retries with backoff up to the limit, then fails; "retry now" sends it', async () => {
		const [erin] = await shop.fixtures.makeUsers(1);
		const order = await placeOrder(erin, [{ productId: await shop.fixtures.makeProduct(2), quantity: 1 }]);
		smtp.state.refuse = true;
		const mail = sender({ maxAttempts: 3, backoffBaseMs: 1, backoffCapMs: 2 });
		for (let i = 0; i < 6; i++) {
			await mail.drain();
			await new Promise((r) => setTimeout(r, 20));
		}
		let [email] = await emailsForOrder(shop.db, order.id);
		expect(email).toMatchObject({ state: 'failed', attempts: 3 });
		expect(email!.lastError).toMatch(/^SMTP 451/);
		smtp.state.refuse = false;
		expect((await mail.drain()).claimed).toBe(0);
		const admin = await shop.fixtures.makeAdmin('192.0.2.9');
		expect(await adminRetryEmail(shop.db, admin, email!.id)).toBe(true);
		expect((await mail.drain()).sent).toBe(1);
		[email] = await emailsForOrder(shop.db, order.id);
		expect(email).toMatchObject({ state: 'sent', lastError: null });
		expect(await adminRetryEmail(shop.db, admin, email!.id)).toBe(false);
		expect(smtp.received).toHaveLength(1);
		// The admin's "retry now" is on record, once: the refused second one changed nothing.
		const trail = await listAudit(shop.db, { entityType: 'email', entityId: email!.id, limit: 10 });
		expect(trail.items.map((e) => [e.action, e.actorEmail])).toEqual([['email.retry', admin.email]]);
	});

	it('a worker killed between sending and marking resends that one message once, with the same Message-ID; a sent one never', async () => {
		const [fay] = await shop.fixtures.makeUsers(1);
		const order = await placeOrder(fay, [{ productId: await shop.fixtures.makeProduct(2), quantity: 1 }]);
		// The first worker claims and "sends", then dies before marking: its lease is 50 ms.
		const [claimed] = await claimDue(shop.db, 10, 50);
		expect(claimed!.orderId).toBe(order.id);
		expect(await claimDue(shop.db, 10, 50)).toEqual([]); // leased: nobody else takes it
		await new Promise((r) => setTimeout(r, 80));
		const mail = sender();
		expect((await mail.drain()).sent).toBe(1);
		expect(smtp.received.map((r) => idOf(r.messageId))).toEqual([claimed!.id]);
		await new Promise((r) => setTimeout(r, 80));
		expect((await mail.drain()).claimed).toBe(0);
		expect(smtp.received).toHaveLength(1);
	});

	it('backoff doubles, is capped and jittered within its upper half', () => {
		expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
		expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
		expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
		expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
		expect(backoffMs(20, 1000, 60_000, () => 0)).toBe(30_000);
	});
});

describe('the embedded mailbox', () => {
	it('writes each message as <id>.eml, readable with both parts, by the same pipeline', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'store-mail-'));
		try {
			const [gus] = await shop.fixtures.makeUsers(1);
			const order = await placeOrder(gus, [{ productId: await shop.fixtures.makeProduct(2, 999), quantity: 1 }]);
			const result = await sender({ transport: mailboxTransport(dir) }).drain();
			expect(result.sent).toBe(1);
			const [event] = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
			expect(await fs.readdir(dir)).toEqual([`${event!.id}.eml`]);
			const stored = await readMailbox(dir, event!.id);
			expect(stored).toMatchObject({ messageId: `<${event!.id}@shop.example.com>`, to: gus.email, subject: `Order ${order.number} received — awaiting payment` });
			expect(stored!.text).toContain(`${ORIGIN}/account/orders/${order.number}`);
			expect(stored!.html).toContain('$9.99');
			expect(await readMailbox(dir, randomUUID())).toBeNull();
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});
});
