import type { PushMessage } from '$lib/shared/alerts';

// What the service worker shows for a push from the shop: kept apart as a pure function so
// it can be tested without a service worker.

export type ShownNotification = { title: string; options: NotificationOptions & { data: { url: string } } };

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null);

/**
 * The notification for a push's text: its title and body, tapping it opens `url` (a page of
 * the shop, never another site). The tag is the device's own alert id, so a change the open
 * app already showed replaces that notification rather than showing twice. Anything else
 * gets a plain notice that opens the alerts list.
 */
export function notificationOf(payload: string | null | undefined): ShownNotification {
	let message: Partial<Record<keyof PushMessage | 'tag', unknown>> = {};
	try {
		const parsed: unknown = JSON.parse(payload ?? '');
		if (parsed && typeof parsed === 'object') message = parsed;
	} catch {
		// Not JSON: the plain notice below.
	}
	const url = typeof message.url === 'string' && /^\/(?!\/)/.test(message.url) ? message.url : '/alerts';
	return {
		title: text(message.title, 120) ?? 'Store',
		options: {
			body: text(message.body, 300) ?? 'Something you watch changed. Open your alerts to see what.',
			tag: text(message.tag, 200) ?? 'alerts',
			data: { url }
		}
	};
}
