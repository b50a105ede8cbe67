import { z } from './zod';
import { cursorSchema, slugSchema } from './catalog-input';
import { slugify } from './catalog-admin';
import type { OrderStatus } from './orders';

export const membershipTiers = ['bronze', 'silver', 'gold'] as const;
export type MembershipTier = (typeof membershipTiers)[number];

export const tierLabels: Record<MembershipTier, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };

const collectionFields = z.strictObject({
	title: z.string().trim().min(1, 'Give the collection a title.').max(80, 'Keep the title to 80 characters.'),
	// Empty means "make one from the title".
	slug: z.union([z.literal(''), slugSchema]).optional(),
	description: z.string().trim().max(2000, 'Keep the description to 2000 characters.').default('')
});

/** A slug left empty is made from the title; one that cannot be made is an error on the slug. */
function withSlug<T extends { title: string; slug?: string }>(input: T, ctx: z.RefinementCtx) {
	const slug = input.slug || slugify(input.title);
	if (!slug) ctx.addIssue({ code: 'custom', path: ['slug'], message: 'Enter a slug: lower-case letters, digits and hyphens.' });
	return { ...input, slug };
}

export const collectionInput = collectionFields.transform(withSlug);
export const collectionUpdateInput = collectionFields.extend({ id: z.uuid() }).transform(withSlug);
export type CollectionInput = z.output<typeof collectionInput>;

export const collectionIdInput = z.strictObject({ id: z.uuid() });
export const collectionMoveInput = z.strictObject({ id: z.uuid(), direction: z.enum(['up', 'down']) });
export const collectionDeleteInput = z.strictObject({
	id: z.uuid(),
	/** Where the collection's products go first; without it a collection with products is kept. */
	moveTo: z.union([z.literal('').transform(() => undefined), z.uuid('Choose a collection from the list.')]).optional()
});

const limit = z.coerce.number().int().min(1).max(100).default(25);

export const customersListInput = z.strictObject({
	/** Part of an email or a name. */
	query: z.string().trim().max(200).optional(),
	cursor: cursorSchema.optional(),
	limit
});

export const customerIdInput = z.strictObject({ id: z.uuid() });

export const membershipInput = z.strictObject({
	userId: z.uuid(),
	membership: z.enum(membershipTiers, 'Choose bronze, silver or gold.')
});

export const adminReviewsListInput = z.strictObject({ cursor: cursorSchema.optional(), limit });
export const reviewIdInput = z.strictObject({ id: z.uuid() });

export type AdminCollection = {
	id: string;
	slug: string;
	title: string;
	description: string;
	position: number;
	productCount: number;
};

export type AdminCustomerRow = {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	role: 'customer' | 'admin';
	membership: MembershipTier;
	joinedAt: string;
};

export type AdminCustomer = AdminCustomerRow & {
	phone: string | null;
	birthDate: string | null;
	orders: { id: string; number: number; placedAt: string; status: OrderStatus; totalMinor: number; currency: string }[];
};

export type AdminReview = {
	id: string;
	productId: string;
	productTitle: string;
	productSlug: string;
	authorEmail: string;
	rating: number;
	body: string;
	hidden: boolean;
	createdAt: string;
};

/** The audit trail's filters, as the audit page's address carries them. */
export const auditListInput = z.strictObject({
	entityType: z.string().trim().max(40).optional(),
	entityId: z.string().trim().max(80).optional(),
	query: z.string().trim().max(200).optional(),
	cursor: z.string().max(400).optional(),
	limit: z.int().min(1).max(100).default(50)
});

export const emailStates = ['pending', 'sent', 'failed'] as const;
export type EmailState = (typeof emailStates)[number];

export const emailsListInput = z.strictObject({ state: z.enum(emailStates).optional(), limit: z.int().min(1).max(500).default(200) });
export const emailIdInput = z.strictObject({ id: z.uuid() });

const attempts = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`;

/**
 * Where an email is, in the same words on every admin page. A claim for sending counts an
 * attempt before the message goes out, so an attempt without an error is one under way.
 */
export function emailProgress(email: { state: EmailState; attempts: number; lastError: string | null }): string {
	if (email.state === 'sent') return 'sent';
	if (email.state === 'failed') return `failed after ${attempts(email.attempts)}`;
	if (email.attempts === 0) return 'waiting to be sent';
	if (!email.lastError) return 'being sent now';
	return `waiting to be sent again (${attempts(email.attempts)} so far)`;
}
