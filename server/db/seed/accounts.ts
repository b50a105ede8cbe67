import { eq } from 'drizzle-orm';
import { createOrPromoteAdmin, signUp } from '../../services/accounts';
import type { Db } from '../client';
import { users } from '../schema';

/** Demo sign-ins for trying the shop locally. Never use these on a real shop. */
export const DEMO_ACCOUNTS = [
	{ email: 'admin@store.test', password: 'admin-demo-password', role: 'admin' },
	{ email: 'shopper@store.test', password: 'shopper-demo-password', role: 'customer' }
] as const;

/** Creates the demo accounts that are missing; existing ones (and their passwords) stay as they are. */
export async function seedDemoAccounts(db: Db): Promise<void> {
	for (const account of DEMO_ACCOUNTS) {
		const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
		if (existing) continue;
		if (account.role === 'admin') await createOrPromoteAdmin(db, account.email, account.password);
		else await signUp(db, { email: account.email, password: account.password, firstName: 'Sam', lastName: 'Shopper' });
	}
}

export function describeDemoAccounts(): string {
	return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.email} / ${a.password}`).join('\n');
}
