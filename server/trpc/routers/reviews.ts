import type { TRPCRouterRecord } from '@trpc/server';
import { reviewsListInput } from '../../../src/lib/shared/catalog';
import { listReviews } from '../../services/reviews';
import { publicProcedure } from '../init';

export const reviewsRouter = {
	list: publicProcedure.input(reviewsListInput).query(({ ctx, input }) => listReviews(ctx.db, input))
} satisfies TRPCRouterRecord;
