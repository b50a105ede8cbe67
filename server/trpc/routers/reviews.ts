import type { TRPCRouterRecord } from '@trpc/server';
import {
	reviewCreateInput,
	reviewDeleteInput,
	reviewMineInput,
	reviewsListInput,
	reviewUpdateInput
} from '../../../src/lib/shared/reviews';
import { createReview, deleteReview, getOwnReview, listReviews, updateReview } from '../../services/reviews';
import { customerProcedure, publicProcedure } from '../init';

export const reviewsRouter = {
	list: publicProcedure.input(reviewsListInput).query(({ ctx, input }) => listReviews(ctx.db, input)),
	mine: customerProcedure.input(reviewMineInput).query(({ ctx, input }) => getOwnReview(ctx.db, ctx.user.id, input.productId)),
	create: customerProcedure.input(reviewCreateInput).mutation(({ ctx, input }) => createReview(ctx.db, ctx.user.id, input)),
	update: customerProcedure.input(reviewUpdateInput).mutation(({ ctx, input }) => updateReview(ctx.db, ctx.user.id, input)),
	delete: customerProcedure.input(reviewDeleteInput).mutation(({ ctx, input }) => deleteReview(ctx.db, ctx.user.id, input.id))
} satisfies TRPCRouterRecord;
