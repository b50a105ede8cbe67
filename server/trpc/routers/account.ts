import type { TRPCRouterRecord } from '@trpc/server';
import { profileInput } from '../../../src/lib/shared/accounts';
import { getProfile, updateProfile } from '../../services/accounts';
import { customerProcedure, publicProcedure } from '../init';

export const accountRouter = {
	/** Who is signed in (null for a visitor); the app's layout asks on every full load. */
	session: publicProcedure.query(({ ctx }) => (ctx.user ? { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role } : null)),
	me: customerProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
	update: customerProcedure.input(profileInput).mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.user.id, input))
} satisfies TRPCRouterRecord;
