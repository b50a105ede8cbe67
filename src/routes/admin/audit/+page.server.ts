import { z } from 'zod';
import { getDatabase } from '$server/db/client';
import { listAudit } from '$server/services/audit';
import type { PageServerLoad } from './$types';

const filtersInput = z.object({
	entityType: z.string().trim().max(40).optional(),
	entityId: z.string().trim().max(80).optional(),
	query: z.string().trim().max(200).optional(),
	cursor: z.string().max(400).optional()
});

export const load: PageServerLoad = async ({ parent, url }) => {
	await parent();
	const params = Object.fromEntries([...url.searchParams].filter(([, v]) => v));
	const parsed = filtersInput.safeParse(params);
	const filters = parsed.success ? parsed.data : {};
	try {
		return { filters, page: await listAudit((await getDatabase()).db, { ...filters, limit: 50 }) };
	} catch {
		// A cursor from elsewhere: start again from the newest.
		return { filters: { ...filters, cursor: undefined }, page: await listAudit((await getDatabase()).db, { ...filters, cursor: undefined, limit: 50 }) };
	}
};
