import type { TRPCRouterRecord } from '@trpc/server';
import { checkoutStartInput, orderIdInput, shippingMethodsInput, testPaymentInput } from '../../../src/lib/shared/orders';
import { payWithTestCard, paymentSession, releaseHold, startCheckout } from '../../services/checkout';
import { listShippingMethods } from '../../services/delivery';
import { customerProcedure, limited, publicProcedure } from '../init';

export const checkoutRouter = {
	/** The active shipping methods (for a country: those that serve it). */
	shippingMethods: publicProcedure.input(shippingMethodsInput).query(({ ctx, input }) => listShippingMethods(ctx.db, input.country)),
	start: customerProcedure
		.use(limited('checkout'))
		.input(checkoutStartInput)
		.mutation(({ ctx, input }) => startCheckout(ctx.db, ctx.user.id, input, ctx.payments)),
	payment: customerProcedure
		.input(orderIdInput)
		.mutation(({ ctx, input }) => paymentSession(ctx.db, ctx.payments, ctx.user.id, input.orderId)),
	payTest: customerProcedure
		.input(testPaymentInput)
		.mutation(({ ctx, input }) => payWithTestCard(ctx.db, ctx.payments, ctx.user.id, input)),
	/** Lets go of an unpaid order's hold: stock back, lines back in the cart. A page that is closing sends it as a beacon. */
	release: customerProcedure
		.input(orderIdInput)
		.mutation(({ ctx, input }) => releaseHold(ctx.db, ctx.user.id, ctx.payments, input.orderId))
} satisfies TRPCRouterRecord;
