import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
	adminOrdersListInput,
	adminTransitionInput,
	orderIdInput,
	orderNumberInput,
	shippingMethodInput,
	shippingMethodUpdateInput
} from '../../../src/lib/shared/orders';
import {
	adminProductsListInput,
	productArchiveInput,
	productCreateInput,
	productUpdateInput,
	stockAdjustInput
} from '../../../src/lib/shared/catalog-admin';
import { dashboardCounts } from '../../services/admin';
import { adjustStock, adminGetProduct, adminListProducts, createProduct, setArchived, updateProduct } from '../../services/admin-catalog';
import { adminListShippingMethods, createShippingMethod, updateShippingMethod } from '../../services/delivery';
import { adminGetOrder, adminListOrders, adminMoveOrder } from '../../services/orders';
import { adminProcedure } from '../init';

export const adminRouter = {
	dashboard: adminProcedure.query(({ ctx }) => dashboardCounts(ctx.db)),
	products: {
		list: adminProcedure.input(adminProductsListInput).query(({ ctx, input }) => adminListProducts(ctx.db, input)),
		get: adminProcedure.input(z.strictObject({ id: z.uuid() })).query(({ ctx, input }) => adminGetProduct(ctx.db, input.id)),
		create: adminProcedure.input(productCreateInput).mutation(({ ctx, input }) => createProduct(ctx.db, ctx.actor, input)),
		update: adminProcedure.input(productUpdateInput).mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.actor, input)),
		archive: adminProcedure.input(productArchiveInput).mutation(({ ctx, input }) => setArchived(ctx.db, ctx.actor, input)),
		adjustStock: adminProcedure.input(stockAdjustInput).mutation(({ ctx, input }) => adjustStock(ctx.db, ctx.actor, input))
	},
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
