import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from './context';
import { appRouter } from './root';

/** Answers one `/api/trpc/*` request with the app router. */
export function handleTrpcRequest(request: Request, context: Context): Promise<Response> {
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () => context,
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
		}
	});
}
