import { z } from './zod';
import { REVIEW_MAX } from './catalog';
import { cursorSchema } from './catalog-input';

const rating = z.number().int('Choose 1 to 5 stars.').min(1, 'Choose 1 to 5 stars.').max(5, 'Choose 1 to 5 stars.');
const body = z.string().trim().max(REVIEW_MAX, `Keep it under ${REVIEW_MAX} characters.`);

export const reviewsListInput = z.strictObject({
	productId: z.uuid(),
	cursor: cursorSchema.optional(),
	limit: z.number().int().min(1).max(50).default(10)
});
export type ReviewsListInput = z.input<typeof reviewsListInput>;

export const reviewMineInput = z.strictObject({ productId: z.uuid() });
export const reviewCreateInput = z.strictObject({ productId: z.uuid(), rating, body });
export const reviewUpdateInput = z.strictObject({ id: z.uuid(), rating, body });
export const reviewDeleteInput = z.strictObject({ id: z.uuid() });
/** The product page's form: the same rules, with the rating as the form sends it. */
export const reviewForm = z.strictObject({ rating: z.coerce.number().pipe(rating), body });

export type ReviewView = {
	id: string;
	rating: number;
	body: string;
	author: string;
	createdAt: string;
};

export type OwnReview = { id: string; rating: number; body: string };
