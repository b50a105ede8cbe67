import type { TRPCRouterRecord } from '@trpc/server';
import { adminOrdersListInput, adminTransitionInput, orderIdInput } from '../../../src/lib/shared/orders';
import { dashboardCounts } from '../../services/admin';
import { adminGetOrder, adminListOrders, adminMoveOrder } from '../../services/orders';
import { adminProcedure } from '../init';

export const adminRouter = {
	dashboard: adminProcedure.query(({ ctx }) => dashboardCounts(ctx.db)),
	orders: {
		list: adminProcedure.input(adminOrdersListInput).query(({ ctx, input }) => adminListOrders(ctx.db, input)),
		get: adminProcedure.input(orderIdInput).query(({ ctx, input }) => adminGetOrder(ctx.db, input.orderId)),
		move: adminProcedure
			.input(adminTransitionInput)
			.mutation(({ ctx, input }) => adminMoveOrder(ctx.db, ctx.payments, ctx.user.id, input))
	}
} satisfies TRPCRouterRecord;
