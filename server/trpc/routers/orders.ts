import type { TRPCRouterRecord } from '@trpc/server';
import { orderIdInput, orderNumberInput, ordersListInput } from '../../../src/lib/shared/orders';
import { cancelOwnOrder, getOrder, listOrders } from '../../services/orders';
import { customerProcedure } from '../init';

export const ordersRouter = {
	list: customerProcedure.input(ordersListInput).query(({ ctx, input }) => listOrders(ctx.db, ctx.user.id, input)),
	get: customerProcedure.input(orderIdInput).query(({ ctx, input }) => getOrder(ctx.db, ctx.user.id, input.orderId)),
	byNumber: customerProcedure.input(orderNumberInput).query(({ ctx, input }) => getOrder(ctx.db, ctx.user.id, input.number)),
	/** Gives up an unpaid order: its hold ends at once (stock back) and nothing is charged. */
	cancel: customerProcedure.input(orderIdInput).mutation(({ ctx, input }) => cancelOwnOrder(ctx.db, ctx.user.id, ctx.payments, input.orderId))
} satisfies TRPCRouterRecord;
