import type { TRPCRouterRecord } from '@trpc/server';
import {
	adminOrdersListInput,
	adminTransitionInput,
	orderIdInput,
	orderNumberInput,
	shippingMethodInput,
	shippingMethodUpdateInput
} from '../../../src/lib/shared/orders';
import { dashboardCounts } from '../../services/admin';
import { adminListShippingMethods, createShippingMethod, updateShippingMethod } from '../../services/delivery';
import { adminGetOrder, adminListOrders, adminMoveOrder } from '../../services/orders';
import { adminProcedure } from '../init';

export const adminRouter = {
	dashboard: adminProcedure.query(({ ctx }) => dashboardCounts(ctx.db)),
	shipping: {
		list: adminProcedure.query(({ ctx }) => adminListShippingMethods(ctx.db)),
		create: adminProcedure.input(shippingMethodInput).mutation(({ ctx, input }) => createShippingMethod(ctx.db, ctx.actor, input)),
		update: adminProcedure.input(shippingMethodUpdateInput).mutation(({ ctx, input }) => updateShippingMethod(ctx.db, ctx.actor, input))
	},
	orders: {
		list: adminProcedure.input(adminOrdersListInput).query(({ ctx, input }) => adminListOrders(ctx.db, input)),
		get: adminProcedure.input(orderIdInput).query(({ ctx, input }) => adminGetOrder(ctx.db, input.orderId)),
		byNumber: adminProcedure.input(orderNumberInput).query(({ ctx, input }) => adminGetOrder(ctx.db, input.number)),
		move: adminProcedure
			.input(adminTransitionInput)
			.mutation(({ ctx, input }) => adminMoveOrder(ctx.db, ctx.payments, ctx.actor, input))
	}
} satisfies TRPCRouterRecord;
