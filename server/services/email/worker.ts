import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { config } from '../../config';
import type { Db } from '../../db/client';
import { orderItems, orders, outboxEvents, users } from '../../db/schema';
import { backoffMs, markFailed, pollInBackground, putBack, type BackgroundWorker, type OutboxSenderOptions } from '../outbox-rows';
import { claimDue, markSent, type ClaimedEvent } from './outbox';
import { mintResetToken, RESET_TOKEN_MINUTES } from './password-reset';
import { renderOrderEmail, renderResetEmail, type EmailContent } from './templates';
import { configuredTransport, type MailTransport } from './transport';

export type SenderOptions = OutboxSenderOptions & {
	transport: MailTransport;
	from?: string;
	origin?: string;
};

/** A failure that no retry can fix (a malformed address, a deleted order): failed at once. */
class PermanentFailure extends Error {}

const address = z.email();

/** The domain of `Message-ID`s: the sender's own, so they are unique to this shop. */
function messageDomain(from: string): string {
	const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
	return match?.[1] ?? 'store.invalid';
}

export type DrainResult = { claimed: number; sent: number; retried: number; failed: number };

/**
 * The email sender: claims due outbox rows, renders each, sends it outside any
 * transaction and marks it sent only if still unsent. A worker killed between sending and
 * marking sends that one message again after its lease, under the same `Message-ID`.
 */
export function emailSender(db: Db, options: SenderOptions) {
	const from = options.from ?? config.mailFrom;
	const origin = (options.origin ?? config.origin).replace(/\/+$/, '');
	const batch = options.batch ?? 20;
	const leaseMs = options.leaseMs ?? 5 * 60_000;
	const concurrency = options.concurrency ?? 4;
	const maxAttempts = options.maxAttempts ?? config.emailMaxAttempts;
	const baseMs = options.backoffBaseMs ?? 30_000;
	const capMs = options.backoffCapMs ?? 60 * 60_000;
	const domain = messageDomain(from);

	async function recipient(event: ClaimedEvent): Promise<string> {
		if (!event.userId) throw new PermanentFailure('No recipient: the event names no account.');
		const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, event.userId));
		if (!user) throw new PermanentFailure('No recipient: the account no longer exists.');
		if (!address.safeParse(user.email).success) throw new PermanentFailure(`Invalid recipient address: "${user.email}"`);
		return user.email;
	}

	async function render(event: ClaimedEvent): Promise<EmailContent> {
		if (event.type === 'password_reset') {
			const token = await mintResetToken(db, event.userId!, event.id);
			return renderResetEmail({ token, origin, minutes: RESET_TOKEN_MINUTES });
		}
		if (!event.orderId) throw new PermanentFailure('The event names no order.');
		const [order] = await db.select().from(orders).where(eq(orders.id, event.orderId));
		if (!order) throw new PermanentFailure('The order no longer exists.');
		const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.title), asc(orderItems.id));
		return renderOrderEmail({ type: event.type, payload: event.payload, order, items, origin });
	}

	async function deliver(event: ClaimedEvent): Promise<'sent' | 'retried' | 'failed'> {
		try {
			const to = await recipient(event);
			const content = await render(event);
			await options.transport.send({ messageId: `<${event.id}@${domain}>`, from, to, ...content });
		} catch (error) {
			const reason = describe(error);
			const permanent = error instanceof PermanentFailure || event.attempts >= maxAttempts;
			await markFailed(db, outboxEvents, [event.id], reason, permanent ? null : backoffMs(event.attempts, baseMs, capMs, options.random));
			return permanent ? 'failed' : 'retried';
		}
		await markSent(db, event.id);
		return 'sent';
	}

	/** Claims one batch and sends it; `claimed < batch` means nothing more is due. */
	async function drainOnce(): Promise<DrainResult> {
		const claimedAt = Date.now();
		const claimed = await claimDue(db, batch, leaseMs);
		const result: DrainResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
		const queue = [...claimed];
		const lane = async () => {
			for (let event = queue.shift(); event; event = queue.shift()) {
				// Never start a send the lease may not cover: hand the rest back instead.
				if (Date.now() - claimedAt > leaseMs / 2) {
					const rest = [event, ...queue.splice(0)];
					await putBack(db, outboxEvents, rest.map((e) => e.id));
					return;
				}
				result[await deliver(event)]++;
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
		return result;
	}

	/** Sends until nothing is due; the totals of every batch. */
	async function drain(): Promise<DrainResult> {
		const total: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
		for (;;) {
			const step = await drainOnce();
			for (const key of Object.keys(total) as (keyof DrainResult)[]) total[key] += step[key];
			if (step.claimed < batch) return total;
		}
	}

	return { drainOnce, drain };
}

function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const smtp = error as Error & { responseCode?: number; code?: string };
	const code = smtp.responseCode ? `SMTP ${smtp.responseCode}: ` : smtp.code ? `${smtp.code}: ` : '';
	return `${code}${error.message}`;
}

/**
 * Runs the sender in the background of this process: it drains what is due, then looks
 * again every `pollMs`. `stop` waits for the batch in hand, then closes the transport.
 */
export function startEmailWorker(db: Db, options: Partial<SenderOptions> & { pollMs?: number } = {}): BackgroundWorker {
	const transport = options.transport ?? configuredTransport();
	const sender = emailSender(db, { ...options, transport });
	const polling = pollInBackground(() => sender.drain(), options.pollMs ?? config.emailPollMs, 'Sending emails failed');
	return {
		async stop() {
			await polling.stop();
			transport.close();
		}
	};
}
