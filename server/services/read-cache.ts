import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { databaseIdentity } from '../db/schema';
import { currentVersion } from './catalog-version';

/** An answer as it is sent: its ETag, its exact bytes, and their compressed forms when they were worth making. */
export type CachedAnswer = { etag: string; plain: Buffer; gzip?: Buffer; br?: Buffer };

export type ReadCacheOptions = {
	/** Shared by every app instance when set; each instance keeps its own copies in memory as well. */
	redis?: Redis;
	/** Namespaces the keys (tests use their own); the default differs from the JSON-only entries of earlier versions. */
	prefix?: string;
	/** What the in-process copies may take, in bytes, counting every form of every answer and its key. */
	maxBytes?: number;
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

const sizeOf = (answer: CachedAnswer) => answer.etag.length + answer.plain.length + (answer.gzip?.length ?? 0) + (answer.br?.length ?? 0);

/** One Redis value for every form: four lengths, then the ETag and the bodies. */
function pack(answer: CachedAnswer): Buffer {
	const parts = [Buffer.from(answer.etag), answer.plain, answer.gzip ?? Buffer.alloc(0), answer.br ?? Buffer.alloc(0)];
	const head = Buffer.alloc(16);
	parts.forEach((part, i) => head.writeUInt32BE(part.length, i * 4));
	return Buffer.concat([head, ...parts]);
}

function unpack(value: Buffer): CachedAnswer | undefined {
	if (value.length < 16) return undefined;
	const lengths = [0, 1, 2, 3].map((i) => value.readUInt32BE(i * 4));
	if (16 + lengths.reduce((a, b) => a + b, 0) !== value.length) return undefined;
	let at = 16;
	const [etag, plain, gzip, br] = lengths.map((length) => value.subarray(at, (at += length)));
	return { etag: etag!.toString(), plain: plain!, ...(gzip!.length ? { gzip } : {}), ...(br!.length ? { br } : {}) };
}

/**
 * Answers to public catalog reads, kept as they are sent, under keys that carry the
 * committed catalog version: any product, stock, collection or review write moves the
 * version (drizzle/0001), so every older entry becomes unreachable at once, on every
 * instance, with no expiry to wait for. An entry is made by a read that began after its
 * version was committed, so it is never older than its key. Only what every visitor sees
 * may pass through here.
 */
export function createReadCache(options: ReadCacheOptions = {}) {
	const prefix = options.prefix ?? 'store:answer';
	const local = new LRUCache<string, CachedAnswer>({
		maxSize: options.maxBytes ?? 32 * 1024 * 1024,
		sizeCalculation: (answer, key) => sizeOf(answer) + key.length
	});
	const making = new Map<string, Promise<CachedAnswer | undefined>>();
	const redis = options.redis;

	async function shared(key: string): Promise<CachedAnswer | undefined> {
		if (!redis || redis.status !== 'ready') return undefined;
		try {
			const value = await redis.getBuffer(key);
			return value ? unpack(value) : undefined;
		} catch (error) {
			options.onRedisError?.(error);
			return undefined;
		}
	}

	function share(key: string, answer: CachedAnswer) {
		if (!redis || redis.status !== 'ready') return;
		redis.set(key, pack(answer), 'EX', REDIS_TTL_SECONDS).catch((error: unknown) => options.onRedisError?.(error));
	}

	return {
		/**
		 * The key of `name` with `input` (its canonical JSON) at the committed catalog version,
		 * and the answer kept under it, in this process or else in Redis.
		 */
		async lookup(db: Db, name: string, input: string): Promise<{ key: string; answer?: CachedAnswer }> {
			const [identity, version] = await Promise.all([identityOf(db), currentVersion(db)]);
			const key = `${prefix}:${identity}:${version}:${name}:${input}`;
			let answer = local.get(key);
			if (!answer) {
				answer = await shared(key);
				if (answer) local.set(key, answer);
			}
			options.onLookup?.(name, answer ? 'hit' : 'miss');
			return { key, answer };
		},

		/**
		 * The answer under `key`, made by `make` (which must begin after `key` was looked up)
		 * and kept here and in Redis; undefined when `make` has nothing to keep. Requests that
		 * ask while it is being made share it: it began after their own lookup of the same
		 * version, so it is as fresh as they need. If it comes to nothing, they get undefined.
		 */
		async through(key: string, make: () => Promise<CachedAnswer | undefined>): Promise<CachedAnswer | undefined> {
			const pending = making.get(key);
			if (pending) return pending.catch(() => undefined);
			const made = make().then((answer) => {
				if (answer) {
					local.set(key, answer);
					share(key, answer);
				}
				return answer;
			});
			making.set(key, made);
			try {
				return await made;
			} finally {
				making.delete(key);
			}
		},

		/** What the in-process copies take now. */
		usage(): { bytes: number; entries: number } {
			return { bytes: local.calculatedSize, entries: local.size };
		}
	};
}

export type ReadCache = ReturnType<typeof createReadCache>;
