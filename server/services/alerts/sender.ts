import type { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import { alertNews, alertsNews } from '../../../src/lib/shared/alert-news';
import type { PushMessage } from '../../../src/lib/shared/alerts';
import { createBudget, type Budget } from '../../auth/rate-limit';
import { config } from '../../config';
import type { Db } from '../../db/client';
import { pushDeliveries } from '../../db/schema';
import { getRedis } from '../../redis';
import { shopVapidKeys } from './keys';
import { backoffMs, markFailed, pollInBackground, putBack, type BackgroundWorker, type OutboxSenderOptions } from '../outbox-rows';
import { claimDuePushes, dropSubscription, markPushesSent, type ClaimedPush } from './outbox';

export type PushSenderOptions = OutboxSenderOptions & {
	/** Trusts a push service's certificate that the system does not (a local stand-in). */
	agent?: Agent;
	/** How long one push service may take to answer. */
	timeoutMs?: number;
	/** Pushes one account may receive (`pushes`, by user) and the one push an hour that tells the rest (`folds`, by device). */
	budgets?: { pushes: Budget; folds: Budget };
};

export type PushDrainResult = { claimed: number; sent: number; folded: number; retried: number; failed: number; dropped: number; deferred: number };
type Outcome = 'sent' | 'retried' | 'failed' | 'dropped';

/** What a push about one change says: the product, what changed, and its page. The tag is the device's alert id, so a notification shown twice replaces itself. */
export function pushMessageOf(push: ClaimedPush): PushMessage & { tag: string } {
	const { product } = push;
	return {
		title: product.title,
		body: alertNews({ kind: push.kind, title: product.title, priceMinor: push.priceMinor, previousPriceMinor: push.previousPriceMinor, currency: product.currency }),
		url: `/products/${product.slug}`,
		tag: `${push.productId}:${push.kind}:${push.version}`
	};
}

/**
 * The push sender: claims due pushes, and for each claims a point of its account's hourly
 * budget before sending it. Those over the budget are told in one push per device ("3
 * products you watch…"), itself once an hour at most; past that they wait for the next
 * hour. A push service that is gone (404, 410) ends its subscription; one that is down or
 * slow (5xx, 429, no answer in time) is tried again with backoff, while other pushes go on.
 */
export function pushSender(db: Db, options: PushSenderOptions = {}) {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const batch = options.batch ?? 50;
	const leaseMs = options.leaseMs ?? 5 * 60_000;
	const concurrency = options.concurrency ?? 8;
	const maxAttempts = options.maxAttempts ?? 8;
	const baseMs = options.backoffBaseMs ?? 30_000;
	const capMs = options.backoffCapMs ?? 60 * 60_000;
	const budgets = options.budgets ?? {
		pushes: createBudget({ redis: getRedis(), name: 'pushes', points: config.pushesPerHour, seconds: 3600 }),
		folds: createBudget({ redis: getRedis(), name: 'pushes-folded', points: 1, seconds: 3600 })
	};

	async function deliver(rows: ClaimedPush[], message: PushMessage & { tag: string }, folded: boolean): Promise<Outcome> {
		const [first] = rows as [ClaimedPush, ...ClaimedPush[]];
		const ids = rows.map((r) => r.id);
		const { publicKey, privateKey } = await shopVapidKeys(db);
		try {
			await webpush.sendNotification(first.subscription, JSON.stringify(message), {
				vapidDetails: { subject: config.vapidSubject, publicKey, privateKey },
				TTL: 24 * 3600,
				timeout: timeoutMs,
				// A push service keeps one message per topic: a copy sent again replaces one still undelivered.
				topic: first.id.replaceAll('-', ''),
				...(options.agent ? { agent: options.agent } : {})
			});
		} catch (error) {
			const status = error instanceof WebPushError ? error.statusCode : null;
			if (status === 404 || status === 410) {
				await dropSubscription(db, first.subscription.id);
				return 'dropped';
			}
			const retryable = status === null || status === 429 || status >= 500;
			const permanent = !retryable || first.attempts >= maxAttempts;
			const reason = status === null ? (error instanceof Error ? error.message : String(error)) : `Push service ${status}: ${(error as WebPushError).body}`;
			await markFailed(db, pushDeliveries, ids, reason, permanent ? null : backoffMs(first.attempts, baseMs, capMs, options.random));
			return permanent ? 'failed' : 'retried';
		}
		await markPushesSent(db, ids, folded);
		return 'sent';
	}

	/** Claims one batch and sends it; `claimed < batch` means nothing more is due. */
	async function drainOnce(): Promise<PushDrainResult> {
		const claimedAt = Date.now();
		const claimed = await claimDuePushes(db, batch, leaseMs);
		const result: PushDrainResult = { claimed: claimed.length, sent: 0, folded: 0, retried: 0, failed: 0, dropped: 0, deferred: 0 };
		const over = new Map<string, ClaimedPush[]>();
		const count = (outcome: Outcome) => result[outcome]++;
		const queue = [...claimed];
		const lane = async () => {
			for (let push = queue.shift(); push; push = queue.shift()) {
				// Never start a send the lease may not cover: hand the rest back instead.
				if (Date.now() - claimedAt > leaseMs / 2) {
					const rest = [push, ...queue.splice(0)];
					await putBack(db, pushDeliveries, rest.map((p) => p.id));
					result.deferred += rest.length;
					return;
				}
				// The point is claimed before the send: the budget, not the send, decides.
				if (await budgets.pushes.take(push.subscription.userId)) {
					over.set(push.subscription.id, [...(over.get(push.subscription.id) ?? []), push]);
					continue;
				}
				count(await deliver([push], pushMessageOf(push), false));
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
		for (const [subscriptionId, rows] of over) {
			const wait = await budgets.folds.take(subscriptionId);
			if (wait) {
				await putBack(db, pushDeliveries, rows.map((p) => p.id), wait * 1000);
				result.deferred += rows.length;
				continue;
			}
			const message = rows.length === 1 ? pushMessageOf(rows[0]!) : { title: 'Store', body: alertsNews(rows.length), url: '/alerts', tag: 'alerts' };
			const outcome = await deliver(rows, message, rows.length > 1);
			if (outcome === 'sent' && rows.length > 1) result.folded += rows.length;
			else count(outcome);
		}
		return result;
	}

	/** Sends until nothing is due; the totals of every batch. */
	async function drain(): Promise<PushDrainResult> {
		const total: PushDrainResult = { claimed: 0, sent: 0, folded: 0, retried: 0, failed: 0, dropped: 0, deferred: 0 };
		for (;;) {
			const step = await drainOnce();
			for (const key of Object.keys(total) as (keyof PushDrainResult)[]) total[key] += step[key];
			if (step.claimed < batch) return total;
		}
	}

	return { drainOnce, drain };
}

/** Runs the sender in the background of this process: drains what is due, then looks again every `pollMs`. */
export function startPushWorker(db: Db, options: PushSenderOptions & { pollMs?: number } = {}): BackgroundWorker {
	const sender = pushSender(db, options);
	return pollInBackground(() => sender.drain(), options.pollMs ?? config.pushPollMs, 'Sending pushes failed');
}
