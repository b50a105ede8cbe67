import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeIssues } from '../../src/lib/shared/zod';
import { RateLimited, type LimitName } from '../auth/rate-limit';
import { AppError, asClientError } from '../services/errors';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
	// Stack traces stay on the server unless someone is developing.
	isDev: process.env.NODE_ENV === 'development',
	errorFormatter({ shape, error }) {
		const zodError = error.cause instanceof ZodError ? error.cause : null;
		return {
			...shape,
			message: zodError ? describeIssues(zodError) : shape.message,
			data: {
				...shape.data,
				zodIssues: zodError?.issues ?? null,
				details: error.cause instanceof AppError ? (error.cause.details ?? null) : null,
				retryAfter: error.cause instanceof RateLimited ? error.cause.retryAfterSeconds : null
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

/** Spends one request of the caller's `name` budget (per account and per address); over it, 429 with Retry-After. */
export const limited = (name: LimitName) =>
	t.middleware(async ({ ctx, next }) => {
		try {
			await ctx.limits?.take(name, { userId: ctx.user?.id ?? null, ip: ctx.ip });
		} catch (error) {
			if (error instanceof RateLimited) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
			throw error;
		}
		return next();
	});

/**
 * How many of `wanted` catalog rows a pull may return, taken from the request's allowance
 * before any is read: a batch of pulls shares one allowance, and a pull that finds it
 * spent is refused. The device asks again for what a smaller answer left out.
 */
export function claimPullRows(ctx: Context, wanted: number): number {
	if (!ctx.pullRows) return wanted;
	const granted = Math.min(wanted, ctx.pullRows.left);
	if (granted === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This request already carries as many catalog rows as one may. Ask for the rest in another.' });
	ctx.pullRows.left -= granted;
	return granted;
}
