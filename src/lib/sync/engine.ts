import { MAX_PUSH, type PushResult, type Tombstone } from '$lib/shared/sync';
import { readMeta, writeMeta, type StoreDb } from '$lib/local/db';
import type { SyncApi } from './api';
import { rebase } from './outbox';

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'error';
export type Refusal = { clientId: string; name: string; code: string; message: string };

/** Whose device this is right now: read at every sync, since any tab may sign in or out. */
export type Identity = { clientGroupId: string; signedIn: boolean };

export type EngineOptions = {
	api: SyncApi;
	identity: () => Promise<Identity>;
	onStatus?: (status: SyncStatus) => void;
	/** Mutations the server would not apply (or only partly: a capped quantity). */
	onRefusals?: (refusals: Refusal[]) => void;
	pullLimit?: number;
};

/** Thrown for an answer that says the request itself is wrong; retrying will not help (429 only asks for patience). */
function isClientError(error: unknown): boolean {
	const status = (error as { data?: { httpStatus?: number } })?.data?.httpStatus;
	return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}

/**
 * One device's sync: pushes the outbox in order, then pulls the catalog changes and the
 * authoritative cart and favorites, and rebases what is still pending. Runs in one tab at
 * a time (see `leader.ts`); `sync()` calls made while one runs are folded into one more run.
 */
export class SyncEngine {
	private running: Promise<void> | null = null;
	private again = false;

	constructor(
		private readonly db: StoreDb,
		private readonly options: EngineOptions
	) {}

	sync(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			try {
				do {
					this.again = false;
					await this.once();
				} while (this.again);
			} finally {
				this.running = null;
			}
		})();
		return this.running;
	}

	private async once(): Promise<void> {
		this.options.onStatus?.('syncing');
		try {
			const identity = await this.options.identity();
			await this.push(identity);
			await this.pull(identity);
			this.options.onStatus?.('idle');
		} catch (error) {
			this.options.onStatus?.(typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'error');
			throw error;
		}
	}

	private async push({ clientGroupId }: Identity): Promise<void> {
		for (;;) {
			const batch = await this.db.outbox.orderBy('id').limit(MAX_PUSH).toArray();
			if (!batch.length) return;
			let result: PushResult;
			try {
				result = await this.options.api.push({
					clientGroupId,
					clientId: batch[0]!.clientId,
					mutations: batch.map(({ id, name, args }) => ({ id, name, args: args as object }))
				});
			} catch (error) {
				// A gap or a malformed batch will never go through as it is: the pull that
				// follows resets the device to the server's state instead of retrying forever.
				if (isClientError(error)) return;
				throw error;
			}
			const byId = new Map(batch.map((m) => [m.id, m]));
			const refusals = result.results
				.filter((r) => r.code)
				.map((r) => ({ clientId: byId.get(r.id)?.clientId ?? '', name: byId.get(r.id)?.name ?? '', code: r.code!, message: r.message ?? r.code! }));
			if (refusals.length) this.options.onRefusals?.(refusals);
			await this.db.outbox.where('id').belowOrEqual(result.lastMutationId).delete();
			if (result.lastMutationId < batch.at(-1)!.id) return;
		}
	}

	/**
	 * A device with no catalog yet loads it in parts that are the same bytes for everyone
	 * at one version (so HTTP caches absorb a crowd), then pulls what changed since.
	 */
	private async loadSnapshot(): Promise<string | null> {
		const snapshot = this.options.api.snapshot;
		if (!snapshot) return null;
		const { version, parts } = await snapshot.manifest();
		for (let part = 0; part < parts; part++) {
			const page = await snapshot.part({ version, parts, part });
			await this.db.transaction('rw', [this.db.products, this.db.collections], async () => {
				// What an interrupted earlier load left may since have been archived: start clean.
				if (part === 0) await Promise.all([this.db.products.clear(), this.db.collections.clear()]);
				await this.db.products.bulkPut(page.products);
				await this.db.collections.bulkPut(page.collections);
			});
		}
		// Each part is as of `version` or later; what changed after `version` comes with the next pull.
		const cursor = String(version);
		await writeMeta(this.db, 'catalogCursor', cursor);
		return cursor;
	}

	private async pull({ clientGroupId, signedIn }: Identity): Promise<void> {
		let cursor = (await readMeta(this.db, 'catalogCursor')) ?? (await this.loadSnapshot());
		for (;;) {
			const page = await this.options.api.pull({
				cursor,
				limit: this.options.pullLimit,
				clientGroupId
			});
			// One Dexie transaction per batch: a closed tab never leaves half a batch.
			await this.db.transaction('rw', [this.db.products, this.db.collections, this.db.meta], async () => {
				const alive = <T extends object>(rows: (T | Tombstone)[]) => rows.filter((r): r is T => !('deleted' in r));
				const gone = (rows: object[]) => rows.filter((r): r is Tombstone => 'deleted' in r).map((r) => r.id);
				await this.db.products.bulkPut(alive(page.products));
				await this.db.products.bulkDelete(gone(page.products));
				await this.db.collections.bulkPut(alive(page.collections));
				await this.db.collections.bulkDelete(gone(page.collections));
				await writeMeta(this.db, 'catalogCursor', page.cursor);
				if (!page.more) {
					if (!(await readMeta(this.db, 'catalogLoadedAt'))) await writeMeta(this.db, 'catalogLoadedAt', new Date().toISOString());
					await writeMeta(this.db, 'syncedAt', new Date().toISOString());
				}
			});
			cursor = page.cursor;
			if (!page.more) {
				if (page.cart && page.favorites && page.lastMutationId !== undefined) {
					await rebase(this.db, { lastMutationId: page.lastMutationId, cart: page.cart, favorites: page.favorites }, signedIn);
				}
				return;
			}
		}
	}
}
