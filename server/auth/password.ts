import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords';

// argon2id (the library's default) at OWASP's minimum: 19 MiB, two passes, one lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	// Accounts without a usable hash (e.g. '!') can never sign in.
	if (!passwordHash.startsWith('$argon2')) return false;
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
	if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower)) return 'That password is too common. Choose another.';
	if (email && lower === email.trim().toLowerCase()) return 'Do not use your email address as your password.';
	return null;
}
