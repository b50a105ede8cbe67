import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxEvents, pushDeliveries } from '../db/schema';
import { log } from '../observability/log';

/**
 * What the shop's two outboxes (emails in `outbox_events`, pushes in `push_deliveries`) do
 * alike: a sender claims due rows with a lease, sends outside any transaction, then marks
 * each sent, failed (due again after a backoff, or for good) or put back; a worker polls.
 */
type OutboxTable = typeof outboxEvents | typeof pushDeliveries;

/** How a sender works through its outbox. */
export type OutboxSenderOptions = {
	/** Rows claimed at a time. */
	batch?: number;
	/** How long a claim keeps other senders off a row; far above the time one send may take. */
	leaseMs?: number;
	/** Sends in flight at once. */
	concurrency?: number;
	maxAttempts?: number;
	backoffBaseMs?: number;
	backoffCapMs?: number;
	random?: () => number;
};

/**
 * The first half of a claim: up to `batch` due rows, `FOR UPDATE SKIP LOCKED` so two senders
 * never take the same one, leased (`available_at` pushed forward) so the next claim leaves it
 * while it is sent, its attempt counted. The caller adds `from due … where claimed.id = due.id
 * returning …`, joining what it needs to send.
 */
export function leaseDue(table: OutboxTable, batch: number, leaseMs: number): SQL {
	return sql`with due as (
		select id from ${table}
		where sent_at is null and failed_at is null and available_at <= now()
		order by available_at, id
		limit ${batch}
		for update skip locked
	)
	update ${table} claimed
	set available_at = now() + ${leaseMs}::int * interval '1 millisecond', attempts = claimed.attempts + 1`;
}

/** Records a failed attempt: due again after `retryInMs`, or failed for good when that is null. */
export async function markFailed(db: Db, table: OutboxTable, ids: string[], error: string, retryInMs: number | null): Promise<void> {
	if (!ids.length) return;
	const when = retryInMs === null ? sql`failed_at = now()` : sql`available_at = now() + ${Math.round(retryInMs)}::int * interval '1 millisecond'`;
	await db.execute(sql`update ${table} set ${when}, last_error = ${error.slice(0, 1000)} where ${and(inArray(table.id, ids), isNull(table.sentAt))}`);
}

/** Hands back claimed rows that were not tried (the lease ran short, or a budget was spent): due after `inMs`, the attempt not counted. */
export async function putBack(db: Db, table: OutboxTable, ids: string[], inMs = 0): Promise<void> {
	if (!ids.length) return;
	await db.execute(
		sql`update ${table} set available_at = now() + ${Math.round(inMs)}::int * interval '1 millisecond', attempts = greatest(attempts - 1, 0)
		where ${and(inArray(table.id, ids), isNull(table.sentAt))}`
	);
}

/**
 * Exponential backoff with jitter: base × 2^(attempts−1), capped, then a random point in
 * its upper half, so senders that failed together do not retry together.
 */
export function backoffMs(attempts: number, baseMs: number, capMs: number, random = Math.random): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
	return ceiling / 2 + random() * (ceiling / 2);
}

export type BackgroundWorker = { stop(): Promise<void> };

/** Runs `drain` now and again `pollMs` after each run ends, until stopped; `stop` waits for the run in hand. */
export function pollInBackground(drain: () => Promise<unknown>, pollMs: number, failure: string): BackgroundWorker {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<unknown> = Promise.resolve();
	const tick = () => {
		running = drain()
			.catch((err: unknown) => log.error({ err }, failure))
			.finally(() => {
				if (stopped) return;
				timer = setTimeout(tick, pollMs);
				timer.unref();
			});
	};
	tick();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
