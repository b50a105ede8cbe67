import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { pushSubscribeInput, pushUnsubscribeInput, pushWatchesInput } from '../../../src/lib/shared/alerts';
import { shopVapidKeys } from '../../services/alerts/keys';
import { setPushWatches, subscribeToPushes, unsubscribeFromPushes } from '../../services/alerts/subscriptions';
import { customerProcedure, limited, publicProcedure } from '../init';

/** A subscription belongs to the session it is made in, so signing out ends it. */
const sessionProcedure = customerProcedure
	.use(({ ctx, next }) => {
		if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
		return next({ ctx: { ...ctx, caller: { userId: ctx.user.id, sessionId: ctx.session.id } } });
	})
	.use(limited('alerts'));

export const alertsRouter = {
	/** The key browsers subscribe with (`applicationServerKey`). */
	vapidPublicKey: publicProcedure.query(async ({ ctx }) => ({ publicKey: (await shopVapidKeys(ctx.db)).publicKey })),
	subscribe: sessionProcedure.input(pushSubscribeInput).mutation(({ ctx, input }) => subscribeToPushes(ctx.db, ctx.caller, input)),
	watches: sessionProcedure.input(pushWatchesInput).mutation(({ ctx, input }) => setPushWatches(ctx.db, ctx.caller, input)),
	unsubscribe: sessionProcedure.input(pushUnsubscribeInput).mutation(({ ctx, input }) => unsubscribeFromPushes(ctx.db, ctx.caller, input))
} satisfies TRPCRouterRecord;
