import { getDatabase } from '$server/db/client';
import { payments } from '$server/services/payments';
import { appRateLimits, appReadCache } from '$server/shared';
import { handleTrpcRequest } from '$server/trpc/http';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async ({ request, locals, getClientAddress }) =>
	handleTrpcRequest(
		request,
		{
			db: (await getDatabase()).db,
			user: locals.user,
			session: locals.session,
			payments: payments().provider,
			ip: getClientAddress(),
			limits: appRateLimits()
		},
		appReadCache()
	);

export const GET = handler;
export const POST = handler;
