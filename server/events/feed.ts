import type { Database } from '../db/client';
import { currentVersion } from '../services/catalog-version';

export type UserChange = 'cart' | 'favorites' | 'orders' | 'addresses';
export type ChangeEvent =
	| { type: 'catalog'; version: number }
	| { type: 'user'; userId: string; what: UserChange };

const USER_CHANGES = new Set<string>(['cart', 'favorites', 'orders', 'addresses']);

/**
 * What changed in the database, as this app instance hears it: Postgres NOTIFY from the
 * triggers of drizzle/0010 reaches every instance that listens (PGlite's in-process
 * LISTEN in the embedded default), so a write through any instance reaches every tab.
 */
export class ChangeFeed {
	private readonly listeners = new Set<(event: ChangeEvent) => void>();
	private stops: (() => Promise<void>)[] = [];
	private version = 0;

	constructor(private readonly database: Database) {}

	async start(): Promise<void> {
		this.version = await currentVersion(this.database.db);
		this.stops = await Promise.all([
			this.database.listen('store_catalog', () => void this.catalogChanged()),
			this.database.listen('store_user', (payload) => this.userChanged(payload))
		]);
	}

	async stop(): Promise<void> {
		const stops = this.stops;
		this.stops = [];
		await Promise.allSettled(stops.map((stop) => stop()));
	}

	/** The committed catalog version, as of the last change heard. */
	get catalogVersion(): number {
		return this.version;
	}

	subscribe(listener: (event: ChangeEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private emit(event: ChangeEvent) {
		for (const listener of this.listeners) listener(event);
	}

	private async catalogChanged() {
		try {
			// The committed version, read after the commit that notified: never ahead of what a pull returns.
			const version = await currentVersion(this.database.db);
			if (version <= this.version) return;
			this.version = version;
			this.emit({ type: 'catalog', version });
		} catch {
			// The database went away; the next notification or the tabs' own polling catch up.
		}
	}

	private userChanged(payload: string) {
		const [userId, what] = payload.split(':');
		if (userId && what && USER_CHANGES.has(what)) this.emit({ type: 'user', userId, what: what as UserChange });
	}
}

const feeds = new WeakMap<Database, Promise<ChangeFeed>>();

/** The one feed of this database in this process, listening from the first call on. */
export function changeFeed(database: Database): Promise<ChangeFeed> {
	let feed = feeds.get(database);
	if (!feed) {
		const created = new ChangeFeed(database);
		feed = created.start().then(() => created);
		feeds.set(database, feed);
		feed.catch(() => feeds.delete(database));
	}
	return feed;
}
