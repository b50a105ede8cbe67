import { z } from './zod';
import { addressFields, countryName, type AddressFields } from './addresses';
import { cursorSchema } from './catalog-input';

export const orderStatuses = ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const statusLabels: Record<OrderStatus, string> = {
	pending_payment: 'Awaiting payment',
	paid: 'Paid',
	fulfilled: 'Shipped',
	cancelled: 'Cancelled',
	refunded: 'Refunded'
};

/** What a shopper's receipt says of the payment, whatever became of the order since (shipped, cancelled…). */
export function paymentLabel(order: { status: OrderStatus; paidAt: string | null }): string {
	if (order.status === 'refunded') return 'Refunded';
	if (order.paidAt) return 'Paid';
	return order.status === 'pending_payment' ? 'Awaiting payment' : 'Not charged';
}

/**
 * Where an order may go from each status; nothing ever moves back. Payment is the only way
 * to `paid`, so an admin cannot mark an order paid by hand; `refunded` needs a payment.
 */
export const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
	pending_payment: ['paid', 'cancelled'],
	paid: ['fulfilled', 'cancelled', 'refunded'],
	fulfilled: ['refunded'],
	cancelled: ['refunded'],
	refunded: []
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
	return transitions[from].includes(to);
}

const idempotencyKey = z
	.string()
	.min(8, 'The idempotency key is too short')
	.max(100)
	.regex(/^[\w:.-]+$/, 'The idempotency key may use letters, digits and _ : . - only');

/**
 * The device names its cart, a key of its own, where to ship (an address, or one from the
 * book) and how; prices, shipping and totals are never taken from it.
 */
export const checkoutStartInput = z
	.strictObject({
		cartId: z.uuid(),
		idempotencyKey,
		shippingMethodId: z.uuid(),
		address: addressFields.optional(),
		addressId: z.uuid().optional(),
		/** Keep a typed address in the book for next time. */
		saveAddress: z.boolean().default(false)
	})
	.refine((i) => (i.address === undefined) !== (i.addressId === undefined), {
		message: 'Give either an address or the id of a saved one.',
		path: ['address']
	});
export type CheckoutStartInput = z.input<typeof checkoutStartInput>;

export type ShippingMethodView = {
	id: string;
	name: string;
	priceMinor: number;
	currency: string;
	freeAboveMinor: number | null;
	countries: string[];
};

export const shippingMethodsInput = z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/, 'A country is a two-letter ISO code.').optional() });

/** An admin's shipping method; prices in minor units. */
export const shippingMethodInput = z.strictObject({
	name: z.string().trim().min(1, 'Give the method a name.').max(60),
	priceMinor: z.int('A price in cents, a whole number.').min(0).max(1_000_000),
	currency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
	freeAboveMinor: z.int().min(0).max(100_000_000).nullable().default(null),
	countries: z
		.array(z.string().trim().toUpperCase().refine((c) => countryName(c) !== undefined, 'Unknown country code.'))
		.min(1, 'Choose at least one country.')
		.max(250)
		.transform((codes) => [...new Set(codes)]),
	active: z.boolean().default(true),
	position: z.int().min(0).max(1000).default(0)
});
export const shippingMethodUpdateInput = shippingMethodInput.extend({ id: z.uuid() });

/** What a method costs for a subtotal: free from its threshold on (the server's rule too). */
export function shippingCost(method: Pick<ShippingMethodView, 'priceMinor' | 'freeAboveMinor'>, subtotalMinor: number): number {
	return method.freeAboveMinor !== null && subtotalMinor >= method.freeAboveMinor ? 0 : method.priceMinor;
}

export const orderIdInput = z.strictObject({ orderId: z.uuid() });
/** Orders by the number people read out, as in `/account/orders/1042`. */
export const orderNumberInput = z.strictObject({ number: z.coerce.number().int().min(1).max(2_000_000_000) });

/** The test provider's card form: digits with optional spaces. */
export const testPaymentInput = z.strictObject({
	orderId: z.uuid(),
	cardNumber: z
		.string()
		.transform((s) => s.replace(/[\s-]/g, ''))
		.pipe(z.string().regex(/^\d{12,19}$/, 'Enter a card number of 12 to 19 digits.'))
});

export const TEST_CARDS = { succeeds: '4242 4242 4242 4242', declines: '4000 0000 0000 0002' } as const;

export const orderOrderings = ['-placedAt', 'placedAt', '-total', 'total'] as const;
export type OrderOrdering = (typeof orderOrderings)[number];

export const ordersListInput = z.strictObject({
	ordering: z.enum(orderOrderings).default('-placedAt'),
	status: z.enum(orderStatuses).optional(),
	cursor: cursorSchema.optional(),
	limit: z.int().min(1).max(50).default(20)
});
export type OrdersListInput = z.input<typeof ordersListInput>;

export const adminOrdersListInput = ordersListInput.extend({
	/** An order number, or part of a customer's email. */
	query: z.string().trim().max(200).optional(),
	placedFrom: z.iso.datetime({ offset: true }).optional(),
	placedTo: z.iso.datetime({ offset: true }).optional()
});

/** A form's optional text: trimmed, and left out when empty. */
const optionalText = (schema: z.ZodType<string | undefined, string | undefined>) =>
	z
		.string()
		.trim()
		.transform((text) => text || undefined)
		.pipe(schema)
		.optional();

/** How a shipped order travels, as the shop tells the shopper: a carrier's name and what it tracks the parcel by. */
export const shipmentFields = {
	carrier: optionalText(z.string().max(40, 'Keep the carrier’s name to 40 characters.').optional()),
	trackingNumber: optionalText(
		z
			.string()
			.regex(/^[A-Za-z0-9-]{3,40}$/, 'A tracking number has 3 to 40 letters, digits or dashes.')
			.optional()
	)
};

/** What an admin may do to an order by hand; payment moves it to `paid` by itself. */
export const adminTransitionInput = z
	.strictObject({
		orderId: z.uuid(),
		to: z.enum(['fulfilled', 'cancelled', 'refunded']),
		reason: z.string().trim().max(500).optional(),
		...shipmentFields
	})
	.refine((input) => input.to === 'fulfilled' || (!input.carrier && !input.trackingNumber), {
		message: 'A carrier and tracking number go with shipping only; clear them to cancel or refund.',
		path: ['trackingNumber']
	});

/** A line of an order: the variant bought, with its SKU and values as they were when it was bought. */
export type OrderLine = {
	productId: string;
	variantId: string;
	title: string;
	sku: string;
	options: Record<string, string>;
	unitPriceMinor: number;
	quantity: number;
};

export type OrderView = {
	id: string;
	number: number;
	status: OrderStatus;
	currency: string;
	subtotalMinor: number;
	shippingMinor: number;
	totalMinor: number;
	placedAt: string;
	expiresAt: string | null;
	paidAt: string | null;
	updatedAt: string;
	paymentError: string | null;
	/** A copy made when the order was placed; later edits of the address book leave it alone. */
	shippingAddress: AddressFields | null;
	shippingMethod: string | null;
	/** Set when the order ships, if the shop names them (absent on an order a device kept from before they existed). */
	carrier?: string | null;
	trackingNumber?: string | null;
	items: OrderLine[];
	/** When the order's confirmation email went out (null: not yet); only a single order's view carries it. */
	confirmationSentAt?: string | null;
};

export type OrderHistoryView = { fromStatus: OrderStatus | null; toStatus: OrderStatus; reason: string; at: string };

export type AdminOrderView = OrderView & {
	customerEmail: string;
	paymentProvider: string | null;
	paymentReference: string | null;
	history: OrderHistoryView[];
};

/** A cart line checkout could not fill, with what is left to buy. */
export type ShortLine = { productId: string; variantId?: string; title: string; requested: number; available: number };

/** What a shopper is told when lines of their order cannot be filled. */
export const shortageMessage = (short: ShortLine[]): string =>
	`Not enough stock for: ${short.map((l) => (l.available ? `${l.title} (only ${l.available} left)` : `${l.title} (sold out)`)).join(', ')}.`;

/** What the pay step needs: the test form, or Stripe's Payment Element with its secret. */
export type PaymentSession =
	| { provider: 'test'; cards: typeof TEST_CARDS }
	| { provider: 'stripe'; clientSecret: string; publishableKey: string };
