import { device, expose } from './device.svelte';

/** The shopper's favorites on this device, newest first. */
class Favorites {
	ids = $state<string[]>([]);
	/** Whether the device has read this browser's favorites yet (until then they are unknown, not none). */
	ready = $state(false);

	constructor() {
		device.watch(
			(rt) => rt.db.favorites.orderBy('addedAt').reverse().toArray(),
			(rows) => {
				this.ids = rows.map((f) => f.productId);
				this.ready = true;
			}
		);
	}

	has(productId: string): boolean {
		return this.ids.includes(productId);
	}

	set(productId: string, favorite: boolean): Promise<boolean> {
		return device.act(favorite ? 'favorites.add' : 'favorites.remove', { productId });
	}
}

export const favorites = new Favorites();
expose('favorites', favorites);
