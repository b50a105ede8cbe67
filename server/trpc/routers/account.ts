import type { TRPCRouterRecord } from '@trpc/server';
import { profileInput } from '../../../src/lib/shared/accounts';
import { getProfile, updateProfile } from '../../services/accounts';
import { customerProcedure } from '../init';

export const accountRouter = {
	me: customerProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
	update: customerProcedure.input(profileInput).mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.user.id, input))
} satisfies TRPCRouterRecord;
