import type { TRPCRouterRecord } from '@trpc/server';
import {
	reviewCreateInput,
	reviewDeleteInput,
	reviewMineInput,
	reviewsListInput,
	reviewUpdateInput
} from '../../../src/lib/shared/reviews';
import { createReview, deleteReview, getOwnReview, listReviews, updateReview } from '../../services/reviews';
import { customerProcedure, limited, publicProcedure } from '../init';

const reviewWrite = customerProcedure.use(limited('reviews'));

export const reviewsRouter = {
	list: publicProcedure.input(reviewsListInput).query(({ ctx, input }) => listReviews(ctx.db, input)),
	mine: customerProcedure.input(reviewMineInput).query(({ ctx, input }) => getOwnReview(ctx.db, ctx.user.id, input.productId)),
	create: reviewWrite.input(reviewCreateInput).mutation(({ ctx, input }) => createReview(ctx.db, ctx.user.id, input)),
	update: reviewWrite.input(reviewUpdateInput).mutation(({ ctx, input }) => updateReview(ctx.db, ctx.user.id, input)),
	delete: reviewWrite.input(reviewDeleteInput).mutation(({ ctx, input }) => deleteReview(ctx.db, ctx.user.id, input.id))
} satisfies TRPCRouterRecord;
