import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { carts } from '../../db/schema';

/** Cart and favorites changes run through the sync mutators, exactly as `sync.push` runs them. */
export { applyAccountMutation } from '../sync';

/** The user's cart id, made when there is none yet (the confirmation places that cart). */
export async function userCartId(tx: Tx, userId: string): Promise<string> {
	await tx.insert(carts).values({ userId }).onConflictDoNothing({ target: carts.userId });
	const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
	return cart!.id;
}
