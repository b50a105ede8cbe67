import type { SyncProduct } from '$lib/shared/sync';

/** The id of sample product `n`: a UUID, ordered as `n` is. */
export const sampleId = (n: number) => `p0000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

/** A product as the device syncs it, for tests and benchmarks of the device: number `n`, with `change` over its plain defaults. */
export function sampleProduct(n: number, change: Partial<SyncProduct> = {}): SyncProduct {
	const id = change.id ?? sampleId(n);
	const priceMinor = change.priceMinor ?? 2000;
	const inventory = change.inventory ?? 5;
	return {
		id: sampleId(n),
		version: 1,
		slug: `product-${n}`,
		title: `Product ${n}`,
		description: '',
		priceMinor: 2000,
		currency: 'USD',
		inventory: 5,
		collectionId: 'c0000000-0000-4000-a000-000000000001',
		images: [],
		rating: null,
		reviewCount: 0,
		createdAt: '2025-01-01T00:00:00.000Z',
		priceMaxMinor: priceMinor,
		options: [],
		variants: [{ id, sku: `P-${n}`, options: {}, priceMinor, inventory }],
		...change
	};
}
