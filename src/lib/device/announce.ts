import toast from 'svelte-french-toast';
import type { AlertRecord, OrderRequestRecord } from './db';

// What the device tells the shopper of what the sync learnt, beyond the pages: toasts, and
// system notifications once the shopper allowed them. Tapping a notification opens its page
// (the service worker's `notificationclick`).

type Sync = typeof import('./sync-code');

const allowed = () => 'Notification' in window && Notification.permission === 'granted';

/** A system notification per alert (one for them all when many come at once); tapping one opens the product. */
export async function notifyAlerts(alerts: AlertRecord[], sync: Sync) {
	if (!allowed()) return;
	const registration = await navigator.serviceWorker?.ready;
	if (alerts.length > sync.TOLD_ONE_BY_ONE) {
		await registration?.showNotification('Store', { body: sync.alertsNews(alerts.length), tag: 'alerts', data: { url: '/alerts' } });
		return;
	}
	for (const alert of alerts) {
		await registration?.showNotification('Store', { body: sync.alertNews(alert), tag: alert.id, data: { url: `/products/${alert.slug}` } });
	}
}

/** A toast per order request the server decided, and a system notification when allowed (unless the service worker already showed one). */
export function announceRequests(decided: OrderRequestRecord[], sync: Sync, { notify = true } = {}) {
	for (const record of decided) {
		const news = sync.orderRequestNews(record);
		if (record.state === 'placed') toast.success(news, { duration: 8000 });
		else toast.error(news, { duration: 10_000 });
		if (notify && allowed()) {
			void navigator.serviceWorker?.ready.then((registration) =>
				registration.showNotification('Store', { body: news, tag: `order-request-${record.mutationId}`, data: { url: '/account/orders' } })
			);
		}
	}
}
