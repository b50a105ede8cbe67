import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '$server/trpc/root';
import { catalogQuery, readCatalogParams } from '$lib/shared/catalog-url';
import { device } from '$lib/state/device.svelte';

type Fetch = typeof fetch;

/** A tRPC client on a load function's `fetch` (same-process on the server, cookies kept). */
export const apiFor = (fetch: Fetch) => createTRPCClient<AppRouter>({ links: [httpLink({ url: '/api/trpc', fetch })] });

/** Calls the API for a page; its 4xx answers become the matching error page. */
export async function fromApi<T>(call: Promise<T>): Promise<T> {
	try {
		return await call;
	} catch (e) {
		if (e instanceof TRPCClientError) {
			const status = (e.data as { httpStatus?: number } | undefined)?.httpStatus;
			if (status && status >= 400 && status < 500) error(status, e.message);
		}
		throw e;
	}
}

/** What a page shows for a failed call: the API's message and details for a 4xx, else a plain apology. */
export function apiProblem(e: unknown): { status: number | null; message: string; details: Record<string, unknown> | null } {
	if (e instanceof TRPCClientError) {
		const data = e.data as { httpStatus?: number; details?: Record<string, unknown> | null } | undefined;
		const status = data?.httpStatus ?? null;
		if (status && status >= 400 && status < 500) return { status, message: e.message, details: data?.details ?? null };
	}
	return { status: null, message: 'The shop could not be reached. Check your connection and try again.', details: null };
}

/** The device's catalog when this browser holds it, else null (then the network serves). */
export const localCatalog = () => (browser ? device.localCatalog() : Promise.resolve(null));

/**
 * A catalog grid (`/` and `/collections/[slug]`): from the device once it holds the
 * catalog, so it browses and searches with no network; from the server otherwise.
 */
export async function loadCatalogGrid(url: URL, fetch: Fetch, collectionSlug?: string) {
	const params = readCatalogParams(url.searchParams);
	if (collectionSlug) params.collection = collectionSlug;
	const cursor = url.searchParams.get('cursor');
	const local = await localCatalog();
	if (local) {
		const collection = collectionSlug ? local.collection(collectionSlug) : null;
		if (collectionSlug && !collection) error(404, 'No such collection');
		const query = catalogQuery(params, cursor);
		return { params, cursor, query, collection, result: local.list(query), collections: local.collections() };
	}
	// Cursors the device made mean nothing to the server: start that list from the top.
	const query = catalogQuery(params, cursor?.startsWith('local:') ? null : cursor);
	const api = apiFor(fetch);
	const [result, collections] = await Promise.all([fromApi(api.catalog.list.query(query)), fromApi(api.catalog.collections.query())]);
	const collection = collectionSlug ? (collections.find((c) => c.slug === collectionSlug) ?? null) : null;
	if (collectionSlug && !collection) error(404, 'No such collection');
	return { params, cursor, query, collection, result, collections };
}
