import type { TRPCRouterRecord } from '@trpc/server';
import { pullInput, pushInput } from '../../../src/lib/shared/sync';
import { pull, push } from '../../services/sync';
import { limited, publicProcedure } from '../init';

export const syncRouter = {
	pull: publicProcedure.input(pullInput).query(({ ctx, input }) => pull(ctx.db, ctx.user, input)),
	push: publicProcedure.use(limited('push')).input(pushInput).mutation(({ ctx, input }) => push(ctx.db, ctx.user, input))
} satisfies TRPCRouterRecord;
