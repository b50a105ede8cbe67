import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Profile, profileInput, signupInput } from '../../src/lib/shared/accounts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import type { Throttle } from '../auth/throttle';
import type { Db, Tx } from '../db/client';
import { customers, sessions, users, type User } from '../db/schema';
import { AppError, FieldError } from './errors';

// Verifying against this costs what a real check costs, so an unknown email answers as
// slowly as a wrong password and the two cannot be told apart by timing.
let dummyHash: Promise<string> | undefined;

export async function signUp(db: Db, input: z.output<typeof signupInput>): Promise<User> {
	const problem = passwordProblem(input.password, input.email);
	if (problem) throw new FieldError('password', problem);
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const [user] = await tx
			.insert(users)
			.values({ email: input.email, passwordHash })
			.onConflictDoNothing({ target: users.email })
			.returning();
		if (!user) throw new FieldError('email', 'An account with this email already exists. Sign in instead.', 'CONFLICT');
		await tx.insert(customers).values({ userId: user.id, firstName: input.firstName, lastName: input.lastName });
		return user;
	});
}

/**
 * The sign-up form's work: the address's budget is claimed before the account is made
 * (so a burst cannot create more than it allows), and given back when none was made.
 */
export async function signUpFrom(
	db: Db,
	throttle: Pick<Throttle, 'claimSignup' | 'signupAbandoned'>,
	input: z.output<typeof signupInput>,
	ip: string
): Promise<{ wait: number } | { user: User }> {
	const wait = await throttle.claimSignup(ip);
	if (wait) return { wait };
	try {
		return { user: await signUp(db, input) };
	} catch (refusal) {
		await throttle.signupAbandoned(ip);
		throw refusal;
	}
}

/**
 * The sign-in form's work: the attempt is claimed before the password is checked, so a
 * burst is counted as it arrives and a throttled attempt is refused whether or not its
 * password was right. `user` is null when the email or the password was wrong.
 */
export async function signIn(
	db: Db,
	throttle: Pick<Throttle, 'claimLogin' | 'loginSucceeded'>,
	credentials: { email: string; password: string },
	ip: string
): Promise<{ wait: number } | { user: User | null }> {
	const wait = await throttle.claimLogin(credentials.email, ip);
	if (wait) return { wait };
	const user = await authenticate(db, credentials.email, credentials.password);
	if (user) await throttle.loginSucceeded(credentials.email, ip);
	return { user };
}

/** The user these credentials belong to, or null, whichever part was wrong. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
	const [user] = await db.select().from(users).where(eq(users.email, email));
	if (!user) {
		dummyHash ??= hashPassword('not a real password, only a timing twin');
		await verifyPassword(await dummyHash, password);
		return null;
	}
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function getProfile(db: Db, userId: string): Promise<Profile> {
	const [row] = await db
		.select({
			email: users.email,
			role: users.role,
			firstName: customers.firstName,
			lastName: customers.lastName,
			phone: customers.phone,
			birthDate: customers.birthDate,
			membership: customers.membership
		})
		.from(users)
		.innerJoin(customers, eq(customers.userId, users.id))
		.where(eq(users.id, userId));
	if (!row) throw new AppError('NOT_FOUND', 'No such customer');
	return row;
}

/** Updates the caller's own profile; the membership tier is not theirs to change. */
export async function updateProfile(db: Db, userId: string, input: z.output<typeof profileInput>): Promise<Profile> {
	await db.update(customers).set(input).where(eq(customers.userId, userId));
	return getProfile(db, userId);
}

/** Creates an admin, or promotes an existing account and sets its password. */
export async function createOrPromoteAdmin(db: Db, email: string, password: string): Promise<'created' | 'promoted'> {
	const problem = passwordProblem(password, email);
	if (problem) throw new FieldError('password', problem);
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
		if (existing) {
			await tx.update(users).set({ role: 'admin', passwordHash }).where(eq(users.id, existing.id));
			return 'promoted';
		}
		const [user] = await tx.insert(users).values({ email, passwordHash, role: 'admin' }).returning({ id: users.id });
		await tx.insert(customers).values({ userId: user!.id });
		return 'created';
	});
}

/** Checks a new password against the sign-up rules and hashes it; refused → a FieldError on `password`. */
export async function hashNewPassword(password: string, email: string): Promise<string> {
	const problem = passwordProblem(password, email);
	if (problem) throw new FieldError('password', problem);
	return hashPassword(password);
}

/** Sets a user's password (hashed by `hashNewPassword`) and ends every session of theirs, in the caller's transaction. */
export async function setPassword(tx: Db | Tx, userId: string, passwordHash: string): Promise<void> {
	await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
	await tx.delete(sessions).where(eq(sessions.userId, userId));
}
