import { describe, expect, it } from 'vitest';
import { paymentLabel } from './orders';

describe('paymentLabel', () => {
	it('speaks of the payment, not of where the order went after it', () => {
		const paidAt = '2026-12-01T10:00:00.000Z';
		expect(paymentLabel({ status: 'pending_payment', paidAt: null })).toBe('Awaiting payment');
		expect(paymentLabel({ status: 'paid', paidAt })).toBe('Paid');
		expect(paymentLabel({ status: 'fulfilled', paidAt })).toBe('Paid');
		expect(paymentLabel({ status: 'cancelled', paidAt: null })).toBe('Not charged');
		expect(paymentLabel({ status: 'refunded', paidAt })).toBe('Refunded');
	});
});
