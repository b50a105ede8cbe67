import { randomUUID } from 'node:crypto';
import { TEST_CARDS } from '../../../src/lib/shared/orders';
import type { PaymentEvent, PaymentProvider } from './provider';

const TEST_PREFIX = 'test_pay_';

/**
 * The embedded default: no money moves. Its card form (labelled "Test mode" in the app)
 * turns a card number into the same events a Stripe webhook would deliver.
 */
export const testProvider: PaymentProvider = {
	name: 'test',
	async prepare(order) {
		return { reference: order.paymentReference ?? `${TEST_PREFIX}${order.id}`, session: { provider: 'test', cards: TEST_CARDS } };
	},
	async cancel() {
		return 'canceled';
	},
	// No money moved, so there is none to give back.
	async refund() {}
};

/** The event a test card produces: the success card pays, any other card is declined. */
export function testCardEvent(cardNumber: string, order: { paymentReference: string; totalMinor: number; currency: string }): PaymentEvent {
	const digits = (text: string) => text.replace(/\D/g, '');
	const succeeds = digits(cardNumber) === digits(TEST_CARDS.succeeds);
	return {
		id: `test_evt_${randomUUID()}`,
		provider: 'test',
		type: succeeds ? 'succeeded' : 'failed',
		reference: order.paymentReference,
		amountMinor: order.totalMinor,
		currency: order.currency,
		message: succeeds ? undefined : 'Your card was declined. Try another card.'
	};
}
