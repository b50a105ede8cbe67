import { api } from '$lib/api';
import { device } from './device.svelte';
import { readMeta, writeMeta } from './meta';

/**
 * Lets go of the order checkout is holding stock for, if any: the shop puts its units back
 * on sale and its lines back in the cart, where the change being made then lands. An order
 * paid or ended meanwhile is refused by the shop, which is fine; with no network the hold
 * runs out on its own.
 */
export async function releaseHold(): Promise<void> {
	const { db } = await device.opened();
	const orderId = await readMeta(db, 'heldOrderId');
	if (!orderId) return;
	await writeMeta(db, 'heldOrderId', null);
	// Refused (paid or ended meanwhile) or not sent (offline): the change goes ahead all the same.
	await api.checkout.release.mutate({ orderId }).catch(() => undefined);
}
