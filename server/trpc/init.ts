import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { asClientError } from '../services/errors';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
	// Stack traces stay on the server unless someone is developing.
	isDev: process.env.NODE_ENV === 'development',
	errorFormatter({ shape, error }) {
		const zodError = error.cause instanceof ZodError ? error.cause : null;
		return {
			...shape,
			message: zodError ? z.prettifyError(zodError) : shape.message,
			data: { ...shape.data, zodIssues: zodError?.issues ?? null }
		};
	}
});

/** Expected failures from services (and requests the database refuses) become 4xx answers. */
const clientErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok) {
		const clientError = asClientError(result.error.cause);
		if (clientError) {
			throw new TRPCError({ code: clientError.code, message: clientError.message, cause: clientError });
		}
	}
	return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(clientErrors);
