import { describe, expect, it } from 'vitest';
import { notificationOf } from './push-message';

describe('notificationOf (what the service worker shows for a push)', () => {
	it('shows the product, what changed, and opens its page', () => {
		const payload = JSON.stringify({ title: 'Burr Hand Grinder', body: 'Burr Hand Grinder is back in stock.', url: '/products/burr-hand-grinder', tag: 'p1:restock:42' });
		expect(notificationOf(payload)).toEqual({
			title: 'Burr Hand Grinder',
			options: { body: 'Burr Hand Grinder is back in stock.', tag: 'p1:restock:42', data: { url: '/products/burr-hand-grinder' } }
		});
	});

	it.each([
		['another site', 'https://evil.example/x'],
		['a protocol-relative address', '//evil.example/x'],
		['a script', 'javascript:alert(1)'],
		['no address', undefined]
	])('never opens %s: the alerts list instead', (_name, url) => {
		expect(notificationOf(JSON.stringify({ title: 'T', body: 'B', url })).options.data.url).toBe('/alerts');
	});

	it.each([
		['no payload', undefined],
		['text that is not JSON', 'hello'],
		['JSON that is not an object', '42']
	])('shows a plain notice for %s', (_name, payload) => {
		expect(notificationOf(payload)).toEqual({
			title: 'Store',
			options: { body: 'Something you watch changed. Open your alerts to see what.', tag: 'alerts', data: { url: '/alerts' } }
		});
	});

	it('keeps the words a notification can show', () => {
		const shown = notificationOf(JSON.stringify({ title: 'x'.repeat(500), body: 'y'.repeat(1000), url: '/alerts' }));
		expect(shown.title).toHaveLength(120);
		expect(shown.options.body).toHaveLength(300);
	});
});
