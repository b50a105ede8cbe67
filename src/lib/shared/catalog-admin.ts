import { z } from './zod';
import { slugSchema } from './catalog-input';
import { MAX_VARIANTS } from './variants';

/** A slug from a title: "Walnut Serving Board!" → "walnut-serving-board". */
export function slugify(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 120)
		.replace(/-+$/g, '');
}

const productFields = {
	title: z.string().trim().min(1, 'Give the product a title.').max(200, 'Keep the title under 200 characters.'),
	/** Blank: made from the title. */
	slug: z.union([z.literal(''), slugSchema]).default(''),
	description: z.string().trim().max(5000, 'Keep the description under 5,000 characters.').default(''),
	priceMinor: z.int('Enter a price such as 12.50.').min(0, 'A price cannot be negative.').max(100_000_000, 'That price is too high.'),
	currency: z.string().regex(/^[A-Z]{3}$/, 'A currency is a three-letter code such as USD.').default('USD'),
	collectionId: z.uuid('Choose a collection.')
};

export const productCreateInput = z.strictObject({
	...productFields,
	inventory: z.int('Enter a whole number of units.').min(0, 'Stock cannot be negative.').max(1_000_000).default(0)
});

/**
 * An edit carries the token of the product as the form loaded it: if another admin saved
 * it since, the save is refused instead of overwriting their change.
 */
export const productUpdateInput = z.strictObject({ id: z.uuid(), editToken: z.string().min(1).max(64), ...productFields });

export const productArchiveInput = z.strictObject({ id: z.uuid(), archived: z.boolean() });

export const stockReasons = ['received', 'returned', 'correction', 'damaged', 'lost'] as const;
export type StockReason = (typeof stockReasons)[number];
export const stockReasonLabels: Record<StockReason, string> = {
	received: 'Received',
	returned: 'Returned by a customer',
	correction: 'Correction (count)',
	damaged: 'Damaged',
	lost: 'Lost or stolen'
};
/** Which way a reason moves stock: units come in, go out, or either (a count corrected). */
export const stockReasonDirection: Record<StockReason, 'in' | 'out' | 'either'> = {
	received: 'in',
	returned: 'in',
	correction: 'either',
	damaged: 'out',
	lost: 'out'
};
/** The reasons that fit a change of this sign. */
export const reasonsFor = (change: number): StockReason[] =>
	stockReasons.filter((r) => stockReasonDirection[r] === 'either' || (stockReasonDirection[r] === 'in') === change > 0);

/** A relative change of stock ("+12 received", "−1 damaged"), safe against concurrent sales. */
export const stockAdjustInput = z.strictObject({
	id: z.uuid(),
	/** Which of the product's variants; its first (which carries the product's id) when not named. */
	variantId: z.uuid().optional(),
	change: z
		.int('Enter a whole number, such as 12 or -1.')
		.min(-1_000_000)
		.max(1_000_000)
		.refine((n) => n !== 0, 'Enter a change other than 0.'),
	reason: z.enum(stockReasons, 'Choose a reason.'),
	note: z.string().trim().max(200).default('')
}).refine((s) => reasonsFor(s.change).includes(s.reason), {
	message: 'That reason does not fit the change: units received or returned are added (12), damaged or lost ones taken away (-1).',
	path: ['reason']
});

/**
 * A stocktake: the units counted of a product's variants, each with the stock the form showed.
 * The server moves each by (counted − shown), so what sold while the admin counted still counts.
 */
export const stockCountInput = z
	.strictObject({
		id: z.uuid(),
		reason: z.enum(stockReasons, 'Choose a reason.').default('correction'),
		note: z.string().trim().max(200, 'Keep the note under 200 characters.').default(''),
		counts: z
			.array(
				z.strictObject({
					variantId: z.uuid(),
					shown: z.int().min(0).max(1_000_000),
					counted: z.int('Enter a whole number of units, such as 12.').min(0, 'A count cannot be negative.').max(1_000_000, 'That count is too high.')
				})
			)
			.min(1)
			.max(MAX_VARIANTS)
	})
	.superRefine((input, ctx) => {
		if (new Set(input.counts.map((c) => c.variantId)).size !== input.counts.length) {
			ctx.addIssue({ code: 'custom', path: ['counts'], message: 'Each variant is counted once.' });
		}
		const changes = input.counts.map((c) => c.counted - c.shown).filter((n) => n !== 0);
		if (!changes.length) ctx.addIssue({ code: 'custom', path: ['counts'], message: 'Nothing to save: change at least one count.' });
		else if (!changes.every((n) => reasonsFor(n).includes(input.reason))) {
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'That reason does not fit every change: units received or returned only add, damaged or lost ones only take away. For counts that go both ways, choose Correction (count).'
			});
		}
	});

/** An uploaded image: the service checks its bytes, size and kind. */
export const productImageAddInput = z.strictObject({ id: z.uuid(), file: z.instanceof(File), alt: z.string().max(1000).default('') });
export const productImageRemoveInput = z.strictObject({ id: z.uuid(), src: z.string().min(1).max(300) });

export const adminProductSorts = ['-updated', 'title', '-title', 'price', '-price', 'inventory', '-inventory'] as const;
export const adminProductsListInput = z.strictObject({
	query: z.string().trim().max(200).default(''),
	sort: z.enum(adminProductSorts).default('-updated'),
	page: z.coerce.number().int().min(1).max(10_000).default(1),
	archived: z.boolean().default(false)
});

/** Uploaded product images: at most this many bytes, of these kinds. */
export const MAX_IMAGE_BYTES = 500 * 1000;
export const IMAGE_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
