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
}

export {};
