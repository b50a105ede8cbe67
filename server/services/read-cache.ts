import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { databaseIdentity } from '../db/schema';
import { currentVersion } from './catalog-version';

export type ReadCacheOptions = {
	/** Shared by every app instance when set; each instance keeps its own copies in memory as well. */
	redis?: Redis;
	/** Namespaces the keys (tests use their own). */
	prefix?: string;
	/** What the in-process copies may take, in characters of JSON. */
	maxChars?: number;
	/** Told of every lookup, for the metrics. */
	onLookup?: (name: string, result: 'hit' | 'miss') => void;
	/** Told when Redis fails a command; reads then go on without it. */
	onRedisError?: (error: unknown) => void;
};

/** Shared entries outlive no catalog change anyway; this only bounds what Redis keeps. */
const REDIS_TTL_SECONDS = 3600;

const identities = new WeakMap<Db, Promise<string>>();

function identityOf(db: Db): Promise<string> {
	let identity = identities.get(db);
	if (!identity) {
		identity = db
			.select({ id: databaseIdentity.id })
			.from(databaseIdentity)
			.limit(1)
			.then(([row]) => row?.id ?? 'unknown');
		identities.set(db, identity);
		identity.catch(() => identities.delete(db));
	}
	return identity;
}

/** JSON with object keys sorted, so equal inputs give equal keys whatever their key order. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/**
 * Public catalog reads, cached under keys that carry the committed catalog version: any
 * product, stock, collection or review write moves the version (drizzle/0001), so every
 * older entry becomes unreachable at once, on every instance, with no expiry to wait for.
 * An entry is filled by a read that began after its version was committed, so it is never
 * older than its key. Only what every visitor sees may pass through here.
 */
export function createReadCache(options: ReadCacheOptions = {}) {
	const prefix = options.prefix ?? 'store:read';
	const local = new LRUCache<string, string>({
		maxSize: options.maxChars ?? 32 * 1024 * 1024,
		sizeCalculation: (json) => json.length || 1
	});
	const redis = options.redis;

	async function shared(key: string): Promise<string | undefined> {
		if (!redis || redis.status !== 'ready') return undefined;
		try {
			return (await redis.get(key)) ?? undefined;
		} catch (error) {
			options.onRedisError?.(error);
			return undefined;
		}
	}

	function share(key: string, json: string) {
		if (!redis || redis.status !== 'ready') return;
		redis.set(key, json, 'EX', REDIS_TTL_SECONDS).catch((error: unknown) => options.onRedisError?.(error));
	}

	return {
		async read<T>(db: Db, name: string, input: unknown, load: () => Promise<T>): Promise<T> {
			const [identity, version] = await Promise.all([identityOf(db), currentVersion(db)]);
			const key = `${prefix}:${identity}:${version}:${name}:${canonicalJson(input ?? null)}`;
			let json = local.get(key);
			if (json === undefined) {
				json = await shared(key);
				if (json !== undefined) local.set(key, json);
			}
			if (json !== undefined) {
				options.onLookup?.(name, 'hit');
				return JSON.parse(json) as T;
			}
			options.onLookup?.(name, 'miss');
			const value = await load();
			json = JSON.stringify(value);
			local.set(key, json);
			share(key, json);
			return JSON.parse(json) as T;
		}
	};
}

export type ReadCache = ReturnType<typeof createReadCache>;
