import type { TRPCRouterRecord } from '@trpc/server';
import { catalogListInput, catalogProductInput } from '../../../src/lib/shared/catalog-input';
import { getProduct, listCollections, listProducts } from '../../services/catalog';
import { publicProcedure } from '../init';

export const catalogRouter = {
	list: publicProcedure.input(catalogListInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
	product: publicProcedure.input(catalogProductInput).query(({ ctx, input }) => getProduct(ctx.db, input)),
	collections: publicProcedure.query(({ ctx }) => listCollections(ctx.db))
} satisfies TRPCRouterRecord;
