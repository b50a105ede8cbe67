import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '$lib/shared/zod';
import { clientFailure } from './errors';

/** What a refused form post returns: field errors (`form` for the whole form) and what was typed. */
export type FormFailure = { errors: Record<string, string>; values: Record<string, string> };

/** Fields never sent back with a failure: a person types a password again, and a token rides in the address. */
const SECRET_FIELDS = new Set(['password', 'token']);

export function formFail(status: number, errors: Record<string, string>, values: Record<string, string> = {}) {
	const shown = Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELDS.has(name)));
	return fail(status, { errors, values: shown } satisfies FormFailure as FormFailure);
}

/**
 * A form's fields as strings, checked against an allow-list: a post that carries any other
 * field (a `role`, a `price`) is refused whole, so nothing can be mass-assigned.
 */
export async function readForm(request: Request, allowed: readonly string[]) {
	const data = await request.formData();
	const unexpected = [...data.keys()].filter((key) => !allowed.includes(key));
	if (unexpected.length) return { unexpected, values: undefined } as const;
	const values: Record<string, string> = {};
	for (const key of allowed) {
		const value = data.get(key);
		if (typeof value === 'string') values[key] = value;
	}
	return { values, unexpected: undefined } as const;
}

/** Parses allowed fields with a schema; a failure is the `fail(400)` to return. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S, allowed: readonly string[]) {
	const form = await readForm(request, allowed);
	if (form.unexpected) return { failure: formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` }) };
	const parsed = schema.safeParse(form.values);
	if (!parsed.success) return { failure: formFail(400, fieldErrors(parsed.error), form.values) };
	return { data: parsed.data as z.output<S>, values: form.values };
}

/** `parseForm` for one schema and allow-list, as a reader of posts (see `adminAction`). */
export const parsing =
	<S extends z.ZodType>(schema: S, allowed: readonly string[]) =>
	(request: Request) =>
		parseForm(request, schema, allowed);

/** Runs a procedure or service call from a form action; its expected failures come back as `fail(4xx)` (see `statusOf`). */
export async function formAction<T>(work: Promise<T>, values: Record<string, string> = {}) {
	try {
		return { result: await work };
	} catch (e) {
		const failure = clientFailure(e);
		if (!failure) throw e;
		return { failure: formFail(failure.status, failure.errors, values) };
	}
}

/**
 * A path on this site to go to after signing in. Anything a browser (or a server that
 * decodes once more) could read as another host is ignored: `//host`, `/\host`, their
 * percent-encoded forms, and paths with control characters, spaces or backslashes.
 */
export function safeNext(url: URL, fallback = '/account'): string {
	const next = url.searchParams.get('next');
	if (!next || !isPlainPath(next)) return fallback;
	const target = new URL(next, url);
	// Resolving can fold `/.//host` into `//host`: the result is checked again.
	if (target.origin !== url.origin || !isPlainPath(target.pathname)) return fallback;
	return target.pathname + target.search + target.hash;
}

function isPlainPath(path: string): boolean {
	if (/[\u0000-\u0020\u007f\\]/.test(path)) return false;
	// Up to three rounds of decoding: `/%2F…`, `/%252F…` and the like hide a second slash.
	for (let round = 0, decoded = path; round < 4; round++) {
		if (!decoded.startsWith('/') || /^\/[/\\]/.test(decoded) || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(decoded)) return false;
		try {
			const next = decodeURIComponent(decoded);
			if (next === decoded) return true;
			decoded = next;
		} catch {
			return false;
		}
	}
	return false;
}

/** Sends a visitor to the login page, to come back here afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return event.locals.user;
}
