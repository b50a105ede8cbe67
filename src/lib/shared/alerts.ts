import { z } from './zod';

// Pushes while the app is closed, opted into per device: what the device sends the server and
// the limits on it, checked alike where the device sends and where the server receives.

/** Watched products one device may hand the server (favorites and asked-about products). */
export const MAX_PUSH_WATCHES = 500;
/** The longest push endpoint taken (real ones are a few hundred characters). */
export const MAX_ENDPOINT_LENGTH = 1024;

/** How many bytes base64url text holds (it runs in the browser too, so no Buffer). */
const byteLength = (text: string) => atob(text.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/')).length;

const base64url = (bytes: number, what: string) =>
	z
		.string()
		.max(200, `The ${what} is too long.`)
		.regex(/^[A-Za-z0-9_-]+={0,2}$/, { message: `The ${what} is not base64url.`, abort: true })
		.refine((text) => byteLength(text) === bytes, `The ${what} must be ${bytes} bytes.`);

/** The browser's subscription as `PushSubscription.toJSON()` gives it. */
export const pushSubscriptionJson = z.strictObject({
	endpoint: z
		.string()
		.max(MAX_ENDPOINT_LENGTH, `A push endpoint is at most ${MAX_ENDPOINT_LENGTH} characters.`)
		.refine((text) => URL.canParse(text) && new URL(text).protocol === 'https:', 'A push endpoint must be an https address.'),
	expirationTime: z.number().nullable().optional(),
	keys: z.strictObject({
		/** The device's P-256 public key, uncompressed (65 bytes). */
		p256dh: base64url(65, 'subscription key'),
		auth: base64url(16, 'authentication secret')
	})
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionJson>;

const watchedIds = z
	.array(z.uuid())
	.max(MAX_PUSH_WATCHES, `At most ${MAX_PUSH_WATCHES} watched products can be pushed about.`)
	.transform((ids) => [...new Set(ids)]);

/** "Tell me even when the app is closed": the subscription, the key it was made with, and what the device watches. */
export const pushSubscribeInput = z.strictObject({
	subscription: pushSubscriptionJson,
	/** The application server key the browser subscribed with: it must be this shop's. */
	applicationServerKey: z.string().max(200),
	productIds: watchedIds
});
export type PushSubscribeInput = z.input<typeof pushSubscribeInput>;

/** The device's watch list changed while opted in. */
export const pushWatchesInput = z.strictObject({ endpoint: pushSubscriptionJson.shape.endpoint, productIds: watchedIds });

/** Turning it off on this device. */
export const pushUnsubscribeInput = z.strictObject({ endpoint: pushSubscriptionJson.shape.endpoint });

/** What a push carries to the service worker. */
export type PushMessage = { title: string; body: string; url: string };
