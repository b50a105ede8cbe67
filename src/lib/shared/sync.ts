import type { AddressView } from './addresses';
import type { ShippingMethodView } from './orders';
import type { ProductOption, VariantView } from './variants';
import { z } from './zod';

/** Pushes carry at most this many mutations. */
export const MAX_PUSH = 100;
export const MAX_PULL = 1000;
export const DEFAULT_PULL = 500;

export const pullInput = z.strictObject({
	cursor: z.string().regex(/^\d{1,18}$/, 'This sync position is not one the shop gave out.').nullable(),
	limit: z.int().min(1).max(MAX_PULL).default(DEFAULT_PULL),
	clientGroupId: z.uuid().optional()
});

export const pushInput = z
	.strictObject({
		clientGroupId: z.uuid(),
		clientId: z.uuid(),
		mutations: z
			.array(z.strictObject({ id: z.int().min(1), name: z.string().min(1).max(64), args: z.unknown() }))
			.min(1)
			.max(MAX_PUSH)
	})
	.refine((p) => p.mutations.every((m, i) => i === 0 || m.id > p.mutations[i - 1]!.id), {
		message: 'Mutation ids must ascend',
		path: ['mutations']
	});
export type PushInput = z.input<typeof pushInput>;

/** A device's first catalog load comes in parts of about this many products. */
export const SNAPSHOT_PART_ROWS = 2500;
export const MAX_SNAPSHOT_PARTS = 64;

/**
 * `sync.snapshot({})` answers with the catalog version and how many parts to fetch;
 * `sync.snapshot({ version, part, parts })` with one part. A part's URL names the version
 * it was asked for, so a CDN or the browser's cache can serve the same bytes to a crowd.
 */
export const snapshotInput = z.union([
	z.strictObject({}),
	z
		.strictObject({
			version: z.int().min(0),
			parts: z.int().min(1).max(MAX_SNAPSHOT_PARTS),
			part: z.int().min(0)
		})
		.refine((p) => p.part < p.parts, { message: 'part must be below parts', path: ['part'] })
]);
export type SnapshotInput = z.input<typeof snapshotInput>;
export type SnapshotManifest = { version: number; parts: number };
/** Live products whose id falls in the part, and (in part 0) every live collection and active shipping method, as of `version` or later. */
export type SnapshotPart = { version: number; products: SyncProduct[]; collections: SyncCollection[]; shippingMethods: SyncShippingMethod[] };

export type SyncProduct = {
	id: string;
	version: number;
	slug: string;
	title: string;
	description: string;
	priceMinor: number;
	currency: string;
	/** The lowest and highest price of its live variants (equal when they all cost the same). */
	priceMaxMinor: number;
	/** The sum over its live variants. */
	inventory: number;
	collectionId: string;
	images: { src: string; alt: string }[];
	options: ProductOption[];
	/** Its live variants; none listed for a product without options that sells the variant carrying its id (`variantsOf`). */
	variants: VariantView[];
	rating: number | null;
	reviewCount: number;
	createdAt: string;
};

export type SyncCollection = {
	id: string;
	version: number;
	slug: string;
	title: string;
	description: string;
	position: number;
};

/** An active shipping method, versioned with the catalog; a withdrawn one travels as a tombstone. */
export type SyncShippingMethod = ShippingMethodView & { version: number; position: number };

export type Tombstone = { id: string; version: number; deleted: true };

export type CartLine = { productId: string; variantId: string; quantity: number };

export type PullResult = {
	cursor: string;
	more: boolean;
	products: (SyncProduct | Tombstone)[];
	collections: (SyncCollection | Tombstone)[];
	shippingMethods: (SyncShippingMethod | Tombstone)[];
	lastMutationId?: number;
	cart?: { id: string; lines: CartLine[] };
	favorites?: string[];
	/** A signed-in shopper's address book, whole ([] for a visitor), so checkout fills in offline. */
	addresses?: AddressView[];
	/** The group's latest order requests and what became of them. */
	orderRequests?: OrderRequestOutcome[];
};

export type PushResult = {
	lastMutationId: number;
	results: { id: number; ok: boolean; code?: string; message?: string; details?: Record<string, unknown> }[];
};

/** What became of one `order.request`, as the server recorded it with its effect. */
export type OrderRequestOutcome = {
	mutationId: number;
	/** 'placed', or why not: NEEDS_CONFIRMATION, UNAVAILABLE, FORBIDDEN, INVALID, CONFLICT, NOT_FOUND. */
	outcome: string;
	orderId: string | null;
	message: string | null;
	details: Record<string, unknown> | null;
};
