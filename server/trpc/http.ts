import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Db } from '../db/client';
import { appRouter } from './root';

/** Answers one `/api/trpc/*` request with the app router. */
export function handleTrpcRequest(request: Request, db: Db): Promise<Response> {
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () => ({ db }),
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
		}
	});
}
