import type { TRPCRouterRecord } from '@trpc/server';
import { catalogListInput, catalogProductInput } from '../../../src/lib/shared/catalog-input';
import { getProduct, listCollections, listProducts } from '../../services/catalog';
import { publicProcedure, publicRead } from '../init';

export const catalogRouter = {
	list: publicProcedure
		.input(catalogListInput)
		.query(({ ctx, input }) => publicRead(ctx, 'catalog.list', input, () => listProducts(ctx.db, input))),
	product: publicProcedure
		.input(catalogProductInput)
		.query(({ ctx, input }) => publicRead(ctx, 'catalog.product', input, () => getProduct(ctx.db, input))),
	collections: publicProcedure.query(({ ctx }) => publicRead(ctx, 'catalog.collections', null, () => listCollections(ctx.db)))
} satisfies TRPCRouterRecord;
