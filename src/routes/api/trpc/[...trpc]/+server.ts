import { getDatabase } from '$server/db/client';
import { payments } from '$server/services/payments';
import { appRateLimits, appReadCache } from '$server/shared';
import { handleTrpcRequest } from '$server/trpc/http';
import { compressed } from '$lib/server/compress';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async ({ request, locals, getClientAddress }) =>
	compressed(request, await handleTrpcRequest(request, {
		db: (await getDatabase()).db,
		user: locals.user,
		session: locals.session,
		payments: payments().provider,
		ip: getClientAddress(),
		limits: appRateLimits(),
		cache: appReadCache()
	}));

export const GET = handler;
export const POST = handler;
