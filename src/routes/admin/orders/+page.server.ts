import { adminApi } from '$lib/server/admin';
import { adminOrdersListInput } from '$lib/shared/orders';
import type { PageServerLoad } from './$types';

/** Dates typed in the filter (YYYY-MM-DD) as the start of that day and the end of the `to` day, in UTC. */
const dayStart = (day: string) => (/^\d{4}-\d\d-\d\d$/.test(day) ? `${day}T00:00:00.000Z` : undefined);
const dayEnd = (day: string) => (/^\d{4}-\d\d-\d\d$/.test(day) ? `${day}T23:59:59.999Z` : undefined);

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const get = (key: string) => event.url.searchParams.get(key) || undefined;
	const filters = { status: get('status'), query: get('query'), from: get('from') ?? '', to: get('to') ?? '' };
	const parsed = adminOrdersListInput.safeParse({
		status: filters.status,
		query: filters.query,
		placedFrom: dayStart(filters.from),
		placedTo: dayEnd(filters.to),
		cursor: get('cursor'),
		limit: 25
	});
	const input = parsed.success ? parsed.data : adminOrdersListInput.parse({ limit: 25 });
	return { filters, invalid: !parsed.success, page: await api.orders.list(input) };
};
