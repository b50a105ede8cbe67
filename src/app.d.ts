/// <reference types="vite-plugin-pwa/client" />
// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, SessionUser } from '$server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set in the browser when nothing answered (no network), as opposed to an error the shop answered with. */
			offline?: boolean;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
	}
	interface Window {
		/** The device's stores by name, for the browser console, the tests and the benchmarks (see `expose` in device.svelte.ts). */
		store: {
			alerts: typeof import('$lib/device/alerts.svelte').alerts;
			device: typeof import('$lib/device/device.svelte').device;
			cart: typeof import('$lib/device/cart.svelte').cart;
			catalog: typeof import('$lib/device/catalog.svelte').catalog;
			changes: typeof import('$lib/device/changes.svelte').changes;
			favorites: typeof import('$lib/device/favorites.svelte').favorites;
			orders: typeof import('$lib/device/orders.svelte').orders;
		};
	}
}

export {};
