import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { AppError, asClientError } from '../services/errors';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
	// Stack traces stay on the server unless someone is developing.
	isDev: process.env.NODE_ENV === 'development',
	errorFormatter({ shape, error }) {
		const zodError = error.cause instanceof ZodError ? error.cause : null;
		return {
			...shape,
			message: zodError ? z.prettifyError(zodError) : shape.message,
			data: {
				...shape.data,
				zodIssues: zodError?.issues ?? null,
				details: error.cause instanceof AppError ? (error.cause.details ?? null) : null
			}
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

/** Guarantees `ctx.user`: a visitor gets 401. */
export const customerProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
	return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Admins only: a visitor gets 401, a customer 403. */
export const adminProcedure = customerProcedure.use(({ ctx, next }) => {
	if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Admins only.' });
	return next({ ctx: { actor: { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip } } });
});
