import type { PaymentSession } from '../../../src/lib/shared/orders';

/** What a payment provider is told about an order; amounts are minor units. */
export type PayableOrder = { id: string; number: number; totalMinor: number; currency: string; paymentReference: string | null };

/**
 * A payment event as the order state machine reads it, whichever provider sent it: a
 * verified Stripe webhook or the test provider's card form.
 */
export type PaymentEvent = {
	/** The provider's event id; an id seen before is a re-delivery and does nothing. */
	id: string;
	provider: 'stripe' | 'test';
	type: 'succeeded' | 'failed' | 'canceled';
	/** The payment's id at the provider (a PaymentIntent id), as stored on the order. */
	reference: string;
	amountMinor: number;
	currency: string;
	/** Why a payment failed, in words a shopper can act on. */
	message?: string;
};

/** Takes payment for orders. Stripe when keys are set; otherwise the built-in test provider. */
export interface PaymentProvider {
	readonly name: 'stripe' | 'test';
	/**
	 * Starts (or finds again: at most one per order) the payment of an order and returns its
	 * reference and what the shopper's browser needs to pay.
	 */
	prepare(order: PayableOrder): Promise<{ reference: string; session: PaymentSession }>;
	/** Cancels a payment that has not gone through; 'too_late' when it has or is under way. */
	cancel(reference: string): Promise<'canceled' | 'too_late'>;
	/** Gives a payment's money back, once per key however often it is asked. */
	refund(reference: string, amountMinor: number, idempotencyKey: string): Promise<void>;
}
