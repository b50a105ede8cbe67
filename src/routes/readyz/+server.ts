import { sql } from 'drizzle-orm';
import { getDatabase } from '$server/db/client';
import type { RequestHandler } from './$types';

/** Readiness: the database answers too. */
export const GET: RequestHandler = async () => {
	try {
		const { db } = await getDatabase();
		await db.execute(sql`select 1`);
		return new Response('ready', { headers: { 'content-type': 'text/plain' } });
	} catch (error) {
		console.error('Readiness check failed:', error);
		return new Response('database unavailable', { status: 503, headers: { 'content-type': 'text/plain' } });
	}
};
