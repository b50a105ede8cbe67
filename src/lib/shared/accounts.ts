import { z } from './zod';

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, 'That email address is too long.')
	.pipe(z.email('Enter a valid email address.'));

// Length and strength rules for new passwords live on the server (they need the common list).
const passwordSchema = z.string().min(1, 'Enter your password.').max(256, 'Use at most 256 characters.');
const nameSchema = z.string().trim().max(80, 'Use at most 80 characters.');

export const signupInput = z.strictObject({
	email: emailSchema,
	password: passwordSchema,
	firstName: nameSchema.default(''),
	lastName: nameSchema.default('')
});

export const loginInput = z.strictObject({
	email: emailSchema,
	password: passwordSchema
});

export const forgotPasswordInput = z.strictObject({ email: emailSchema });

export const resetPasswordInput = z.strictObject({
	token: z.string().trim().min(1, 'This reset link is incomplete.').max(128, 'This reset link is not valid.'),
	password: passwordSchema
});

const today = () => new Date().toISOString().slice(0, 10);

export const profileInput = z.strictObject({
	firstName: nameSchema,
	lastName: nameSchema,
	phone: z
		.string()
		.trim()
		.max(32)
		.regex(/^$|^\+?[0-9 ()-]{6,31}$/, 'Use digits, spaces, brackets and dashes, with an optional leading +.')
		.transform((v) => v || null),
	birthDate: z
		.union([z.literal(''), z.iso.date('Use the form YYYY-MM-DD.')])
		.refine((v) => v === '' || (v >= '1900-01-01' && v <= today()), 'Enter a date between 1900 and today.')
		.transform((v) => v || null)
});
export type ProfileInput = z.input<typeof profileInput>;

export type Profile = {
	email: string;
	role: 'customer' | 'admin';
	firstName: string;
	lastName: string;
	phone: string | null;
	birthDate: string | null;
	membership: 'bronze' | 'silver' | 'gold';
};
