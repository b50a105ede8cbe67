import { formatMoney } from '../../../src/lib/shared/money';
import { choiceText } from '../../../src/lib/shared/variants';
import { statusLabels, type OrderStatus } from '../../../src/lib/shared/orders';
import type { Order, OrderItem, OutboxEventType } from '../../db/schema';

export const SHOP_NAME = 'Store';

/** What every message is made of: both parts are always present. */
export type EmailContent = { subject: string; text: string; html: string };

export type OrderEmail = {
	type: Exclude<OutboxEventType, 'password_reset'>;
	payload: Record<string, unknown>;
	order: Pick<Order, 'number' | 'currency' | 'subtotalMinor' | 'shippingMinor' | 'totalMinor' | 'shippingMethod' | 'expiresAt' | 'carrier' | 'trackingNumber'>;
	items: Pick<OrderItem, 'title' | 'quantity' | 'unitPriceMinor' | 'options'>[];
	origin: string;
};

export type ResetEmail = { token: string; origin: string; minutes: number };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The status each event announces (the order may have moved on by the time it is sent). */
const statusOf: Record<OrderEmail['type'], OrderStatus> = {
	order_created: 'pending_payment',
	order_paid: 'paid',
	order_fulfilled: 'fulfilled',
	order_cancelled: 'cancelled',
	order_refunded: 'refunded'
};

function cancelReason(reason: unknown): string {
	if (reason === 'expired') return 'It was not paid in time, so its items went back on sale and back into your cart.';
	if (reason === 'checkout_left') return 'You left checkout before paying, so its items went back on sale and back into your cart.';
	if (reason === 'payment_cancelled') return 'Its payment was cancelled, so its items went back on sale.';
	const text = typeof reason === 'string' && reason.trim() && reason !== 'by the shop' ? `: ${reason.trim()}` : '.';
	return `The shop cancelled it${text}`;
}

/** " It travels with UPS, tracking number 1Z-999." — or as much of it as the shop gave; empty when it gave neither. */
export function shipmentSentence(order: Pick<Order, 'carrier' | 'trackingNumber'>): string {
	if (order.carrier && order.trackingNumber) return ` It travels with ${order.carrier}, tracking number ${order.trackingNumber}.`;
	if (order.carrier) return ` It travels with ${order.carrier}.`;
	if (order.trackingNumber) return ` Its tracking number is ${order.trackingNumber}.`;
	return '';
}

function headline(email: OrderEmail): { subject: string; lead: string } {
	const n = email.order.number;
	switch (email.type) {
		case 'order_created': {
			const until = email.order.expiresAt ? ` until ${email.order.expiresAt.toUTCString()}` : '';
			return { subject: `Order ${n} received — awaiting payment`, lead: `Thank you for your order. We hold its items${until}; pay to complete it.` };
		}
		case 'order_paid':
			return { subject: `Payment received for order ${n}`, lead: 'We have your payment. We will let you know when your order ships.' };
		case 'order_fulfilled':
			return { subject: `Order ${n} has shipped`, lead: `Your order is on its way.${shipmentSentence(email.order)}` };
		case 'order_cancelled':
			return { subject: `Order ${n} cancelled`, lead: `Your order was cancelled. ${cancelReason(email.payload.reason)}` };
		case 'order_refunded':
			return { subject: `Order ${n} refunded`, lead: 'Your order was refunded. The money goes back the way you paid.' };
	}
}

/** The values a line was bought in ("Size: Medium · Glaze: Sage"), '' for a product without options. */
const choice = (item: Pick<OrderItem, 'options'>) => choiceText(item.options);

const wrapText = (lines: string[]) => lines.join('\n').replace(/\n{3,}/g, '\n\n');

/** The message for an order event: its lines, totals in the order's currency, status and link. */
export function renderOrderEmail(email: OrderEmail): EmailContent {
	const { order, items } = email;
	const money = (minor: number) => formatMoney(minor, order.currency);
	const { subject, lead } = headline(email);
	const status = statusLabels[statusOf[email.type]];
	const link = `${email.origin}/account/orders/${order.number}`;

	const text = wrapText([
		`${SHOP_NAME} — order ${order.number}`,
		'',
		lead,
		'',
		`Status: ${status}`,
		'',
		...items.map((i) => `${i.quantity} × ${i.title}${choice(i) ? ` (${choice(i)})` : ''}\n    ${money(i.unitPriceMinor)} each, ${money(i.unitPriceMinor * i.quantity)}`),
		'',
		`Subtotal: ${money(order.subtotalMinor)}`,
		`Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ''}: ${money(order.shippingMinor)}`,
		`Total: ${money(order.totalMinor)}`,
		'',
		`See your order: ${link}`,
		'',
		`— ${SHOP_NAME}`
	]);

	const e = escapeHtml;
	const cell = 'padding:6px 0;border-bottom:1px solid #e6e1d8;vertical-align:top';
	const rows = items
		.map(
			(i) =>
				`<tr><td style="${cell}">${e(i.title)}${choice(i) ? `<br><span style="color:#6b6358">${e(choice(i))}</span>` : ''}<br><span style="color:#6b6358">${i.quantity} × ${e(money(i.unitPriceMinor))}</span></td>` +
				`<td style="${cell};text-align:right;white-space:nowrap">${e(money(i.unitPriceMinor * i.quantity))}</td></tr>`
		)
		.join('');
	const sum = (label: string, value: string, strong = false) =>
		`<tr><td style="padding:4px 0${strong ? ';font-weight:700' : ''}">${e(label)}</td><td style="padding:4px 0;text-align:right;white-space:nowrap${strong ? ';font-weight:700' : ''}">${e(value)}</td></tr>`;
	const html = layout(
		subject,
		`<h1 style="font-size:20px;margin:0 0 12px">Order ${order.number}</h1>
<p style="margin:0 0 12px">${e(lead)}</p>
<p style="margin:0 0 16px"><strong>Status:</strong> ${e(status)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">${rows}
${sum('Subtotal', money(order.subtotalMinor))}
${sum(`Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ''}`, money(order.shippingMinor))}
${sum('Total', money(order.totalMinor), true)}
</table>
<p style="margin:20px 0 0"><a href="${e(link)}" style="display:inline-block;background:#1f4d3f;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">See your order</a></p>
<p style="margin:12px 0 0;font-size:13px;color:#6b6358;word-break:break-all">${e(link)}</p>`
	);
	return { subject, text, html };
}

/** The message with a password reset link. */
export function renderResetEmail(email: ResetEmail): EmailContent {
	const subject = `Reset your ${SHOP_NAME} password`;
	const link = `${email.origin}/reset-password?token=${encodeURIComponent(email.token)}`;
	const text = wrapText([
		`Someone (we hope you) asked to reset the password of your ${SHOP_NAME} account.`,
		'',
		`Choose a new password here within ${email.minutes} minutes; the link works once:`,
		link,
		'',
		'If it was not you, ignore this email: your password stays as it is.',
		'',
		`— ${SHOP_NAME}`
	]);
	const e = escapeHtml;
	const html = layout(
		subject,
		`<h1 style="font-size:20px;margin:0 0 12px">Reset your password</h1>
<p style="margin:0 0 12px">Someone (we hope you) asked to reset the password of your ${SHOP_NAME} account. Choose a new one within ${email.minutes} minutes; the link works once.</p>
<p style="margin:16px 0"><a href="${e(link)}" style="display:inline-block;background:#1f4d3f;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">Choose a new password</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#6b6358;word-break:break-all">${e(link)}</p>
<p style="margin:0">If it was not you, ignore this email: your password stays as it is.</p>`
	);
	return { subject, text, html };
}

/** One narrow column (at most 560 px, full width on a phone) with inline styles, as mail clients need. */
function layout(title: string, body: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#faf8f4">
<div style="max-width:560px;margin:0 auto;padding:20px 16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#2b2620">
<p style="margin:0 0 16px;font-size:18px;font-weight:800;color:#1f4d3f">${SHOP_NAME}</p>
${body}
</div>
</body></html>`;
}
