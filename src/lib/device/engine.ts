import { MAX_PUSH, type OrderRequestOutcome, type PushResult, type SyncCollection, type SyncProduct, type Tombstone } from '$lib/shared/sync';
import type { AlertRecord, ChangeRecord, OrderRequestRecord, OrderRequestState, StoreDb } from '$lib/device/db';
import { readMeta, writeMeta } from '$lib/device/meta';
import { isRefusal } from '$lib/api';
import type { AddressView } from '$lib/shared/addresses';
import { lineTitle, variantsOf } from '$lib/shared/variant-choice';
import type { SyncApi } from './sync-api';
import { rebase } from './outbox';
import { noticeChanges } from './watching';

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
	/** Order requests the server decided: placed, or why not. */
	onOrderRequests?: (decided: OrderRequestRecord[]) => void;
	/** Watched products that came back in stock or got cheaper in this pull. */
	onAlerts?: (alerts: AlertRecord[]) => void;
	/**
	 * The whole catalog a first load wrote, as of `cursor`: told just before the load's last
	 * write, so the tab that loaded it need not read it back.
	 */
	onCatalog?: (catalog: WrittenCatalog) => void;
	pullLimit?: number;
};

export type WrittenCatalog = { cursor: string; products: SyncProduct[]; collections: SyncCollection[] };

const isTombstone = (row: object): row is Tombstone => 'deleted' in row;

function keepRows<T extends { id: string }>(held: Map<string, T>, rows: (T | Tombstone)[]) {
	for (const row of rows) {
		if (isTombstone(row)) held.delete(row.id);
		else held.set(row.id, row);
	}
}

/** What a first load has written so far, by id (a later write replaces, a tombstone removes). */
class LoadingCatalog {
	private readonly products = new Map<string, SyncProduct>();
	private readonly collections = new Map<string, SyncCollection>();

	keep(page: { products: (SyncProduct | Tombstone)[]; collections: (SyncCollection | Tombstone)[] }) {
		keepRows(this.products, page.products);
		keepRows(this.collections, page.collections);
	}

	written(cursor: string): WrittenCatalog {
		return { cursor, products: [...this.products.values()], collections: [...this.collections.values()] };
	}
}

/** Sent changes whose outcome the device keeps for the pending-changes panel. */
const KEPT_CHANGES = 30;

const requestStates: Record<string, OrderRequestState> = {
	placed: 'placed',
	NEEDS_CONFIRMATION: 'needs_confirmation',
	UNAVAILABLE: 'unavailable'
};

/** Where a request stands after the server's answer; any other refusal is final. */
function decided(outcome: { outcome: string; message?: string | null; details?: Record<string, unknown> | null }): Partial<OrderRequestRecord> {
	const details = outcome.details ?? undefined;
	return {
		state: requestStates[outcome.outcome] ?? 'refused',
		message: outcome.message ?? undefined,
		details,
		orderId: details?.orderId as string | undefined,
		orderNumber: details?.orderNumber as number | undefined
	};
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
			// The batch and the mark that it is under way, together: nothing in it can be taken back now.
			const batch = await this.db.transaction('rw', [this.db.outbox, this.db.meta], async () => {
				const entries = await this.db.outbox.orderBy('id').limit(MAX_PUSH).toArray();
				if (entries.length) await writeMeta(this.db, 'sendingThrough', entries.at(-1)!.id);
				return entries;
			});
			if (!batch.length) return;
			let result: PushResult;
			try {
				result = await this.options.api.push({
					clientGroupId,
					clientId: batch[0]!.clientId,
					mutations: batch.map(({ id, name, args }) => ({ id, name, args: args as object }))
				});
			} catch (error) {
				await writeMeta(this.db, 'sendingThrough', null);
				// A gap or a malformed batch will never go through as it is: the pull that
				// follows resets the device to the server's state instead of retrying forever.
				if (isRefusal(error)) return;
				throw error;
			}
			await this.settle(batch, result);
			if (result.lastMutationId < batch.at(-1)!.id) return;
		}
	}

	/** Keeps what the server said of each change, moves order requests on, and clears what it applied. */
	private async settle(batch: { id: number; name: string; args: unknown; clientId: string }[], result: PushResult) {
		const byId = new Map(batch.map((m) => [m.id, m]));
		const at = new Date().toISOString();
		const requests: OrderRequestRecord[] = [];
		await this.db.transaction('rw', [this.db.outbox, this.db.meta, this.db.changes, this.db.orderRequests, this.db.products], async () => {
			for (const r of result.results) {
				const sent = byId.get(r.id);
				if (!sent || sent.name === 'noop') continue;
				const { productId, variantId } = (sent.args ?? {}) as { productId?: string; variantId?: string };
				const product = productId ? await this.db.products.get(productId) : undefined;
				const values = (product && variantsOf(product).find((v) => v.id === variantId)?.options) ?? {};
				const title = product && lineTitle(product.title, product.options ?? [], values);
				const change: ChangeRecord = { mutationId: r.id, name: sent.name, args: sent.args, title, state: r.ok ? 'done' : 'attention', code: r.code, message: r.message, at };
				await this.db.changes.put(change);
				if (sent.name !== 'order.request') continue;
				await this.db.orderRequests.update(r.id, decided({ outcome: r.ok ? 'placed' : (r.code ?? 'INVALID'), message: r.message, details: r.details }));
				const record = await this.db.orderRequests.get(r.id);
				if (record) requests.push(record);
			}
			const stale = await this.db.changes.orderBy('at').reverse().filter((c) => c.state === 'done').offset(KEPT_CHANGES).primaryKeys();
			await this.db.changes.bulkDelete(stale);
			await this.db.outbox.where('id').belowOrEqual(result.lastMutationId).delete();
			await writeMeta(this.db, 'sendingThrough', null);
		});
		const refusals = result.results
			.filter((r) => r.code && byId.get(r.id)?.name !== 'order.request')
			.map((r) => ({ clientId: byId.get(r.id)?.clientId ?? '', name: byId.get(r.id)?.name ?? '', code: r.code!, message: r.message ?? r.code! }));
		if (refusals.length) this.options.onRefusals?.(refusals);
		if (requests.length) this.options.onOrderRequests?.(requests);
	}

	/** The shopper's address book as the server holds it, in place of the device's copy. */
	private async keepAddresses(addresses: AddressView[]) {
		await this.db.transaction('rw', this.db.addresses, async () => {
			await this.db.addresses.clear();
			await this.db.addresses.bulkPut(addresses);
		});
	}

	/** Requests still waiting on the device that the server already decided (an answer lost on the way). */
	private async catchUp(outcomes: OrderRequestOutcome[]) {
		const caughtUp: OrderRequestRecord[] = [];
		await this.db.transaction('rw', this.db.orderRequests, async () => {
			for (const outcome of outcomes) {
				const record = await this.db.orderRequests.get(outcome.mutationId);
				// A request taken back after it had in fact reached the server: the server's word stands.
				if (record?.state !== 'waiting' && record?.state !== 'cancelled') continue;
				await this.db.orderRequests.update(outcome.mutationId, decided(outcome));
				caughtUp.push((await this.db.orderRequests.get(outcome.mutationId))!);
			}
		});
		if (caughtUp.length) this.options.onOrderRequests?.(caughtUp);
	}

	/**
	 * A device with no catalog yet loads it in parts that are the same bytes for everyone
	 * at one version (so HTTP caches absorb a crowd), then pulls what changed since.
	 */
	private async loadSnapshot(alerts: AlertRecord[], loading: LoadingCatalog): Promise<string | null> {
		const snapshot = this.options.api.snapshot;
		if (!snapshot) return null;
		const { version, parts } = await snapshot.manifest();
		// The next part downloads while this one is written; a failed download is met where it is awaited.
		const download = (part: number) => {
			const asked = snapshot.part({ version, parts, part });
			asked.catch(() => {});
			return asked;
		};
		let next = download(0);
		for (let part = 0; part < parts; part++) {
			const page = await next;
			if (part + 1 < parts) next = download(part + 1);
			loading.keep(page);
			const found = await this.db.transaction('rw', [this.db.products, this.db.collections, this.db.shippingMethods, ...this.watching], async () => {
				const news = await noticeChanges(this.db, page.products);
				// What an interrupted earlier load left may since have been archived: start clean.
				if (part === 0) await Promise.all([this.db.products.clear(), this.db.collections.clear(), this.db.shippingMethods.clear()]);
				await this.db.products.bulkPut(page.products);
				await this.db.collections.bulkPut(page.collections);
				await this.db.shippingMethods.bulkPut(page.shippingMethods);
				return news;
			});
			alerts.push(...found);
		}
		// Each part is as of `version` or later; what changed after `version` comes with the next pull.
		const cursor = String(version);
		await writeMeta(this.db, 'catalogCursor', cursor);
		return cursor;
	}

	/** What a catalog write reads and writes besides the catalog, to tell watched products' changes. */
	private get watching() {
		return [this.db.favorites, this.db.watches, this.db.alerts];
	}

	private async pull(identity: Identity): Promise<void> {
		const alerts: AlertRecord[] = [];
		try {
			await this.pullCatalog(identity, alerts);
		} finally {
			if (alerts.length) this.options.onAlerts?.(alerts);
		}
	}

	private async pullCatalog({ clientGroupId, signedIn }: Identity, alerts: AlertRecord[]): Promise<void> {
		let cursor = (await readMeta(this.db, 'catalogCursor')) ?? null;
		// A first load from the snapshot (which starts from empty tables) keeps what it writes, to hand it over whole.
		let loading: LoadingCatalog | null = null;
		if (cursor === null) {
			loading = new LoadingCatalog();
			cursor = await this.loadSnapshot(alerts, loading);
			if (cursor === null) loading = null;
		}
		for (;;) {
			const page = await this.options.api.pull({
				cursor,
				limit: this.options.pullLimit,
				clientGroupId
			});
			loading?.keep(page);
			if (loading && !page.more) this.options.onCatalog?.(loading.written(page.cursor));
			// One Dexie transaction per batch: a closed tab never leaves half a batch, nor an alert told for a change not kept.
			const found = await this.db.transaction('rw', [this.db.products, this.db.collections, this.db.shippingMethods, this.db.meta, ...this.watching], async () => {
				const news = await noticeChanges(this.db, page.products);
				const alive = <T extends object>(rows: (T | Tombstone)[]) => rows.filter((r): r is T => !isTombstone(r));
				const gone = (rows: object[]) => rows.filter(isTombstone).map((r) => r.id);
				await this.db.products.bulkPut(alive(page.products));
				await this.db.products.bulkDelete(gone(page.products));
				await this.db.collections.bulkPut(alive(page.collections));
				await this.db.collections.bulkDelete(gone(page.collections));
				await this.db.shippingMethods.bulkPut(alive(page.shippingMethods));
				await this.db.shippingMethods.bulkDelete(gone(page.shippingMethods));
				await writeMeta(this.db, 'catalogCursor', page.cursor);
				if (!page.more) {
					if (!(await readMeta(this.db, 'catalogLoadedAt'))) await writeMeta(this.db, 'catalogLoadedAt', new Date().toISOString());
					await writeMeta(this.db, 'syncedAt', new Date().toISOString());
				}
				return news;
			});
			alerts.push(...found);
			cursor = page.cursor;
			if (!page.more) {
				if (page.cart && page.favorites && page.lastMutationId !== undefined) {
					await rebase(this.db, { lastMutationId: page.lastMutationId, cart: page.cart, favorites: page.favorites }, signedIn);
				}
				if (page.addresses) await this.keepAddresses(page.addresses);
				if (page.orderRequests?.length) await this.catchUp(page.orderRequests);
				return;
			}
		}
	}
}
