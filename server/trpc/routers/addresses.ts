import type { TRPCRouterRecord } from '@trpc/server';
import { addressCreateInput, addressIdInput, addressUpdateInput } from '../../../src/lib/shared/addresses';
import { createAddress, deleteAddress, listAddresses, updateAddress } from '../../services/delivery';
import { customerProcedure } from '../init';

export const addressesRouter = {
	list: customerProcedure.query(({ ctx }) => listAddresses(ctx.db, ctx.user.id)),
	create: customerProcedure.input(addressCreateInput).mutation(({ ctx, input }) => createAddress(ctx.db, ctx.user.id, input)),
	update: customerProcedure.input(addressUpdateInput).mutation(({ ctx, input }) => updateAddress(ctx.db, ctx.user.id, input)),
	delete: customerProcedure.input(addressIdInput).mutation(({ ctx, input }) => deleteAddress(ctx.db, ctx.user.id, input.id))
} satisfies TRPCRouterRecord;
