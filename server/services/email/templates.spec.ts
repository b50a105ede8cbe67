import { describe, expect, it } from 'vitest';
import { escapeHtml, renderOrderEmail, renderResetEmail, type OrderEmail } from './templates';

const order: OrderEmail['order'] = { number: 1042, currency: 'EUR', subtotalMinor: 2500, shippingMinor: 0, totalMinor: 2500, shippingMethod: 'Standard', expiresAt: null, carrier: null, trackingNumber: null };
const email = (over: Partial<OrderEmail> = {}): OrderEmail => ({
	type: 'order_created',
	payload: {},
	order,
	items: [{ title: 'Mug <script>alert(1)</script> & "Co"', quantity: 2, unitPriceMinor: 1250, options: {} }],
	origin: 'https://shop.example.com',
	...over
});

describe('email templates', () => {
	it('escape dynamic text in the HTML part, keep it readable in the text part', () => {
		const { html, text } = renderOrderEmail(email());
		expect(html).not.toContain('<script>');
		expect(html).toContain('Mug &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
		expect(text).toContain('2 × Mug <script>alert(1)</script> & "Co"');
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
	});

	it('name the size or colour each line was bought in', () => {
		const { html, text } = renderOrderEmail(email({ items: [{ title: 'Garden Apron', quantity: 1, unitPriceMinor: 5800, options: { Size: 'Large <b>' } }] }));
		expect(text).toContain('1 × Garden Apron (Size: Large <b>)');
		expect(html).toContain('Garden Apron<br><span style="color:#6b6358">Size: Large &lt;b&gt;</span>');
	});

	it("show totals in the order's currency, its status and its link", () => {
		const { subject, html, text } = renderOrderEmail(email({ type: 'order_fulfilled' }));
		expect(subject).toBe('Order 1042 has shipped');
		for (const part of [html, text]) {
			expect(part).toContain('€25.00');
			expect(part).toContain('€12.50');
			expect(part).toContain('Shipped');
			expect(part).toContain('https://shop.example.com/account/orders/1042');
		}
	});

	it('tell the shopper the carrier and tracking number of a shipped order, when the shop gave them', () => {
		const shipped = renderOrderEmail(email({ type: 'order_fulfilled', order: { ...order, carrier: 'Post & Co', trackingNumber: 'LX-123456' } }));
		expect(shipped.text).toContain('Your order is on its way. It travels with Post & Co, tracking number LX-123456.');
		expect(shipped.html).toContain('It travels with Post &amp; Co, tracking number LX-123456.');
		expect(renderOrderEmail(email({ type: 'order_fulfilled', order: { ...order, trackingNumber: 'LX-1' } })).text).toContain('Its tracking number is LX-1.');
		expect(renderOrderEmail(email({ type: 'order_fulfilled' })).text).toContain('Your order is on its way.\n');
	});

	it('say why an order was cancelled, escaping what an admin typed', () => {
		expect(renderOrderEmail(email({ type: 'order_cancelled', payload: { reason: 'expired' } })).text).toContain('not paid in time');
		expect(renderOrderEmail(email({ type: 'order_cancelled', payload: { reason: 'payment_cancelled' } })).text).toContain('payment was cancelled');
		expect(renderOrderEmail(email({ type: 'order_cancelled', payload: { reason: 'checkout_left' } })).text).toContain('You left checkout before paying');
		const byShop = renderOrderEmail(email({ type: 'order_cancelled', payload: { reason: 'Out of <b>stock</b>' } }));
		expect(byShop.text).toContain('The shop cancelled it: Out of <b>stock</b>');
		expect(byShop.html).toContain('The shop cancelled it: Out of &lt;b&gt;stock&lt;/b&gt;');
	});

	it('fit a narrow mail client: one column, at most 560 px, with a viewport', () => {
		const { html } = renderOrderEmail(email());
		expect(html).toContain('max-width:560px');
		expect(html).toContain('name="viewport"');
		expect(renderResetEmail({ token: 'abc', origin: 'https://s.example', minutes: 30 }).text).toContain('https://s.example/reset-password?token=abc');
	});
});
