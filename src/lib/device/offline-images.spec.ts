import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncCollection } from '$lib/shared/sync';
import { LocalCatalog } from './catalog-index';
import { sampleId, sampleProduct } from './sample-products';
import { IMAGE_CACHE, OFFLINE_IMAGES_BUDGET, OfflineImages } from './offline-images';

const COLLECTION: SyncCollection = { id: 'c0000000-0000-4000-a000-000000000001', version: 1, slug: 'kitchen', title: 'Kitchen', description: '', position: 1 };
const idOf = sampleId;
const product = (n: number) =>
	sampleProduct(n, { version: n, priceMinor: 1000, images: [{ src: `/images/${n}.svg`, alt: `Product ${n}` }], createdAt: `2025-01-0${n}T00:00:00.000Z` });

// The shop's order is newest first: 3, 2, 1.
const catalog = LocalCatalog.build([product(1), product(2), product(3)], [COLLECTION]);

/** Cache Storage with one cache, and a network answering from `answers` (else a small picture), both watched. */
function fakeBrowser(answers: Record<string, () => Response> = {}) {
	const kept = new Map<string, Response>();
	const cache = {
		match: async (src: string) => kept.get(src)?.clone(),
		put: async (src: string, response: Response) => void kept.set(src, response)
	};
	const opened: string[] = [];
	const fetched: string[] = [];
	const navigator: { onLine: boolean; connection?: { saveData: boolean } } = { onLine: true };
	vi.stubGlobal('navigator', navigator);
	vi.stubGlobal('caches', { open: async (name: string) => (opened.push(name), cache) });
	vi.stubGlobal('fetch', async (src: string) => {
		fetched.push(src);
		return answers[src]?.() ?? new Response('<svg/>', { status: 200 });
	});
	return { kept, opened, fetched, navigator };
}

describe('OfflineImages', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('keeps the pictures asked for first, then every product’s, in the service worker’s cache, once each', async () => {
		const browser = fakeBrowser();
		const images = new OfflineImages();
		await images.keep(catalog, [idOf(1)]);
		expect(browser.fetched).toEqual(['/images/1.svg', '/images/3.svg', '/images/2.svg']);
		expect(browser.opened).toEqual([IMAGE_CACHE]);
		expect([...browser.kept.keys()]).toEqual(browser.fetched);
		await images.keep(catalog, []);
		expect(browser.fetched).toHaveLength(3);
	});

	it('fetches nothing the cache holds already, and only the pictures asked for when the browser saves data', async () => {
		const browser = fakeBrowser();
		browser.kept.set('/images/3.svg', new Response('<svg/>'));
		await new OfflineImages().keep(catalog, []);
		expect(browser.fetched).toEqual(['/images/2.svg', '/images/1.svg']);

		const saving = fakeBrowser();
		saving.navigator.connection = { saveData: true };
		await new OfflineImages().keep(catalog, [idOf(2)]);
		expect(saving.fetched).toEqual(['/images/2.svg']);
	});

	it('does not ask again for a picture the shop lacks, asks again for one that did not come, and stops when the network goes', async () => {
		let failures = 1;
		const browser = fakeBrowser({
			'/images/2.svg': () => new Response('Not found', { status: 404 }),
			'/images/1.svg': () => {
				if (failures-- > 0) throw new TypeError('Failed to fetch');
				return new Response('<svg/>');
			}
		});
		const images = new OfflineImages();
		await images.keep(catalog, []);
		expect(browser.fetched).toEqual(['/images/3.svg', '/images/2.svg', '/images/1.svg']);
		expect([...browser.kept.keys()]).toEqual(['/images/3.svg']);
		await images.keep(catalog, []);
		expect(browser.fetched.slice(3)).toEqual(['/images/1.svg']);

		const offline = fakeBrowser();
		offline.navigator.onLine = false;
		await new OfflineImages().keep(catalog, []);
		expect(offline.fetched).toEqual([]);
	});

	it('stops at the budget', async () => {
		const share = Math.ceil(OFFLINE_IMAGES_BUDGET.bytes / 2);
		const browser = fakeBrowser(Object.fromEntries([1, 2, 3].map((n) => [`/images/${n}.svg`, () => new Response(new Uint8Array(share))])));
		await new OfflineImages().keep(catalog, []);
		expect(browser.fetched).toEqual(['/images/3.svg', '/images/2.svg']);
	});
});
