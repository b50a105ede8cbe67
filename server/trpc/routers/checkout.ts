import type { TRPCRouterRecord } from '@trpc/server';
import { checkoutStartInput, orderIdInput, testPaymentInput } from '../../../src/lib/shared/orders';
import { payWithTestCard, paymentSession, startCheckout } from '../../services/checkout';
import { customerProcedure } from '../init';

export const checkoutRouter = {
	start: customerProcedure
		.input(checkoutStartInput)
		.mutation(({ ctx, input }) => startCheckout(ctx.db, ctx.user.id, input, ctx.payments)),
	payment: customerProcedure
		.input(orderIdInput)
		.mutation(({ ctx, input }) => paymentSession(ctx.db, ctx.payments, ctx.user.id, input.orderId)),
	payTest: customerProcedure
		.input(testPaymentInput)
		.mutation(({ ctx, input }) => payWithTestCard(ctx.db, ctx.payments, ctx.user.id, input))
} satisfies TRPCRouterRecord;
