import { adminApi } from '$lib/server/admin';
import { auditListInput } from '$lib/shared/admin';
import type { PageServerLoad } from './$types';

const filtersInput = auditListInput.omit({ limit: true });

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const params = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v));
	const parsed = filtersInput.safeParse(params);
	const filters = parsed.success ? parsed.data : {};
	try {
		return { filters, page: await api.audit.list(filters) };
	} catch {
		// A cursor from elsewhere: start again from the newest.
		return { filters: { ...filters, cursor: undefined }, page: await api.audit.list({ ...filters, cursor: undefined }) };
	}
};
