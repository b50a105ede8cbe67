import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { AppError, FieldError } from '$server/services/errors';
import { z } from '$lib/shared/zod';
import { clientFailure } from './errors';

describe('clientFailure', () => {
	it('maps each expected code of a procedure to its status', () => {
		const statuses = (['FORBIDDEN', 'UNAUTHORIZED', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'] as const).map(
			(code) => clientFailure(new TRPCError({ code, message: 'No.' }))?.status
		);
		expect(statuses).toEqual([403, 401, 400, 404, 409]);
	});

	it('keeps the field a service named, and the fields a schema refused', () => {
		const field = new FieldError('slug', 'That slug is taken.', 'CONFLICT');
		expect(clientFailure(new TRPCError({ code: 'CONFLICT', message: field.message, cause: field }))).toEqual({
			code: 'CONFLICT',
			status: 409,
			message: 'That slug is taken.',
			errors: { slug: 'That slug is taken.' }
		});
		const parsed = z.strictObject({ title: z.string().min(1, 'Give it a title.') }).safeParse({ title: '' });
		const failure = clientFailure(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
		expect(failure?.errors).toEqual({ title: 'Give it a title.' });
		expect(failure?.message).toBe('Give it a title.');
	});

	it('reads a service’s own failure the same way, and leaves anything else a server error', () => {
		expect(clientFailure(new AppError('NOT_FOUND', 'No such order'))).toMatchObject({ status: 404, errors: { form: 'No such order' } });
		expect(clientFailure(new TRPCError({ code: 'INTERNAL_SERVER_ERROR' }))).toBeNull();
		expect(clientFailure(new Error('disk full'))).toBeNull();
	});
});
