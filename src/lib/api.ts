import { error, redirect } from '@sveltejs/kit';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '$server/trpc/root';

/**
 * The app's one way to the API: a tRPC client typed from the server's router, and one
 * reading of its failures. Pages, the device, the service worker and the assistant all
 * come through here.
 */

/** What each procedure answers, as the router says: views are typed from here, never written again by hand. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

type Fetch = typeof fetch;

/** A client on a given `fetch`: a load function's (same-process on the server, cookies kept), or the browser's. */
export const apiFor = (fetch?: Fetch) => createTRPCClient<AppRouter>({ links: [httpLink({ url: '/api/trpc', fetch })] });

/** The browser's client. */
export const api = apiFor();

/** The API's answer in a failed call when it was a 4xx (the caller's mistake, or a refusal), else null. */
export function clientMistake(e: unknown): { status: number; message: string; details: Record<string, unknown> | null } | null {
	const data = (e as { data?: { httpStatus?: unknown; details?: Record<string, unknown> | null } } | null)?.data;
	const status = data?.httpStatus;
	if (typeof status !== 'number' || status < 400 || status >= 500) return null;
	return { status, message: (e as Error).message, details: data?.details ?? null };
}

/** Whether retrying the same request can never help: a 4xx other than 429, which only asks for patience. */
export const isRefusal = (e: unknown): boolean => {
	const mistake = clientMistake(e);
	return mistake !== null && mistake.status !== 429;
};

/** Calls the API for a page; its 4xx answers become the matching error page. */
export async function fromApi<T>(call: Promise<T>): Promise<T> {
	try {
		return await call;
	} catch (e) {
		const mistake = clientMistake(e);
		if (mistake) error(mistake.status, mistake.message);
		throw e;
	}
}

/** What a page shows for a failed call: the API's message and details for a 4xx, else a plain apology. */
export function apiProblem(e: unknown): { status: number | null; message: string; details: Record<string, unknown> | null } {
	return clientMistake(e) ?? { status: null, message: 'The shop could not be reached. Check your connection and try again.', details: null };
}

/** Sends a visitor to sign in first, and back here after. */
export function requireSignedIn(user: unknown, url: URL) {
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}
