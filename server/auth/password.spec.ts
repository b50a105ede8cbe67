import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
	it('hashes with argon2id at m=19456 KiB, t=2, p=1 and verifies', async () => {
		const hash = await hashPassword('correct horse battery');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery!')).toBe(false);
	});

	it('never verifies an account without a real hash', async () => {
		expect(await verifyPassword('!', '!')).toBe(false);
		expect(await verifyPassword('$argon2id$garbage', 'x')).toBe(false);
	});

	it('refuses short, overlong, common and email-as-password choices', () => {
		expect(passwordProblem('short')).toMatch(/at least 10/);
		expect(passwordProblem('x'.repeat(257))).toMatch(/at most/);
		expect(passwordProblem('Password123')).toMatch(/too common/);
		expect(passwordProblem('me@example.com', 'ME@example.com')).toMatch(/email/);
		expect(passwordProblem('plum orchard at dusk')).toBeNull();
	});
});
