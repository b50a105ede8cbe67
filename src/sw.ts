/// <reference lib="webworker" />
// The shop's service worker. SvelteKit bundles it (svelte.config.js points `files.serviceWorker`
// here, so `$lib` resolves) and @vite-pwa/sveltekit injects the precache manifest as /sw.js;
// the page registers it through workbox-window (see app-shell.svelte.ts).
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { openStoreDb, type OrderRequestRecord, type StoreDb } from '$lib/device/db';
import { IMAGE_CACHE, OFFLINE_IMAGES_BUDGET } from '$lib/device/offline-images';
import { httpSyncApi } from '$lib/device/sync-api';
import { openFromNotification, orderRequestNews, sendOutboxInBackground, type OrderRequestsMessage } from '$lib/device/background';
import { OUTBOX_SYNC_TAG } from '$lib/device/names';
import { notificationOf } from '$lib/device/push-message';

type SyncEvent = ExtendableEvent & { readonly tag: string; readonly lastChance: boolean };
const sw = self as unknown as ServiceWorkerGlobalScope;

// The update banner (workbox-window) asks the waiting version to take over.
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});
// The first version takes the tabs already open as soon as it is active: a first visit's page
// then gets the code it has not fetched yet from the precache when the network drops, with no
// reload first. (A later version waits for the banner, as above; claiming changes nothing there.)
clientsClaim();

// Written as `self.__WB_MANIFEST`, the spot where the build injects the precache list.
precacheAndRoute((self as unknown as { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] }).__WB_MANIFEST, {});
cleanupOutdatedCaches();

// Pages that are private, authoritative or need the server are never answered from a cache.
// A shopper's orders and addresses, and checkout (where an order can be requested offline),
// render from the device; the payment outcome page needs the server.
const serverPages = [
	/^\/admin/,
	/^\/login/,
	/^\/signup/,
	/^\/forgot-password/,
	/^\/reset-password/,
	/^\/logout/,
	/^\/account(?!\/(orders|addresses))/,
	/^\/checkout\/success/
];
const notPages = [/^\/api\//, /^\/healthz/, /^\/readyz/, /^\/metrics/];
// The shell's policy is a <meta> tag, where frame-ancestors means nothing; as it answers for
// pages of the shop, it carries what keeps them out of other sites' frames as headers.
const shell = createHandlerBoundToURL('/shell');
const unframeable: typeof shell = async (options) => {
	const response = await shell(options);
	const headers = new Headers(response.headers);
	headers.set('content-security-policy', "frame-ancestors 'none'");
	headers.set('x-frame-options', 'DENY');
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
registerRoute(new NavigationRoute(unframeable, { denylist: [...serverPages, ...notPages] }));
// A page that needs the server comes from it; when nothing answers, the shell opens instead,
// and its router shows that page's own offline note (src/lib/offline-routes.ts).
const fromServer = new NetworkOnly();
registerRoute(new NavigationRoute((options) => fromServer.handle(options).catch(() => unframeable(options)), { allowlist: serverPages }));

registerRoute(
	({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/images/') || url.pathname.startsWith('/uploads/')),
	new CacheFirst({
		cacheName: IMAGE_CACHE,
		plugins: [
			new ExpirationPlugin({ maxEntries: OFFLINE_IMAGES_BUDGET.pictures, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
			new CacheableResponsePlugin({ statuses: [200] })
		]
	}),
	'GET'
);

// Background Sync: a tab queued a change and registered 'store-outbox'; the browser fires it
// when the network is back, even after every tab has closed.
let db: StoreDb | undefined;

sw.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag !== OUTBOX_SYNC_TAG) return;
	sync.waitUntil(sendOutboxInBackground((db ??= openStoreDb()), { api: httpSyncApi, locks: navigator.locks, announce }));
});

/** A system notification per decided request (when allowed), and word to any open window. */
async function announce(records: OrderRequestRecord[]) {
	if (Notification.permission === 'granted') {
		await Promise.all(
			records.map((record) =>
				sw.registration.showNotification('Store', {
					body: orderRequestNews(record),
					tag: `order-request-${record.mutationId}`,
					data: { url: '/account/orders' }
				})
			)
		);
	}
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	for (const client of windows) client.postMessage({ type: 'order-requests', records } satisfies OrderRequestsMessage);
}

// A push from the shop (the shopper opted in on /alerts): a watched product is back or costs less.
sw.addEventListener('push', (event) => {
	const { title, options } = notificationOf(event.data?.text());
	event.waitUntil(sw.registration.showNotification(title, options));
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url;
	event.waitUntil(openFromNotification(sw.clients, url, sw.location.origin));
});
