import type { TRPCRouterRecord } from '@trpc/server';
import { pullInput, pushInput, snapshotInput } from '../../../src/lib/shared/sync';
import { syncOperations } from '../../observability/metrics';
import { pull, push, snapshot } from '../../services/sync';
import { claimPullRows, limited, publicProcedure } from '../init';

export const syncRouter = {
	pull: publicProcedure
		.use(limited('pull'))
		.input(pullInput)
		.query(({ ctx, input }) => {
			syncOperations.inc({ op: 'pull' });
			return pull(ctx.db, ctx.user, { ...input, limit: claimPullRows(ctx, input.limit) });
		}),
	push: publicProcedure
		.use(limited('push'))
		.input(pushInput)
		.mutation(({ ctx, input }) => {
			syncOperations.inc({ op: 'push' });
			return push(ctx.db, ctx.user, input, ctx.payments.name);
		}),
	/** The same for everyone at one catalog version: kept by the read cache, and shareable over HTTP. */
	snapshot: publicProcedure.input(snapshotInput).query(({ ctx, input }) => snapshot(ctx.db, input))
} satisfies TRPCRouterRecord;
