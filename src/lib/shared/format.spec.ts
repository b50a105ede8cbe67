import { describe, expect, it } from 'vitest';
import { formatCount, formatDay, formatTime } from './format';

describe('format', () => {
	it('writes counts as Intl does in en-US', () => {
		const intl = new Intl.NumberFormat('en-US');
		const counts = [0, 1, 999, 1000, 1001, 999_999, 1_000_000, 123_456_789, -1, -1234];
		for (let i = 0; i < 1000; i++) counts.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
		for (const n of counts) expect(formatCount(n), String(n)).toBe(intl.format(n));
	});

	it('writes days as Intl does in en-US, in UTC', () => {
		const intl = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
		const days = ['2026-01-01T00:00:00Z', '2026-12-31T23:59:59.999Z', '2024-02-29T12:00:00+14:00', '1999-07-04T03:00:00-05:00'];
		for (let i = 0; i < 500; i++) days.push(new Date(Date.UTC(1990, 0, 1) + Math.random() * 40 * 365 * 86_400_000).toISOString());
		for (const iso of days) expect(formatDay(iso), iso).toBe(intl.format(new Date(iso)));
	});

	it('writes times of day as Intl does in en-US, on the local clock', () => {
		const intl = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });
		const times = ['2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z', '2026-06-30T23:59:59Z'];
		for (let i = 0; i < 500; i++) times.push(new Date(Date.UTC(2026, 0, 1) + Math.random() * 365 * 86_400_000).toISOString());
		// Intl puts a narrow no-break space before AM/PM in recent versions; the words are the same.
		for (const iso of times) expect(formatTime(iso), iso).toBe(intl.format(new Date(iso)).replace(/\s/g, ' '));
	});
});
