// Numbers and dates as the shop writes them (en-US), by hand: a browser's first Intl
// formatter loads its locale data, which costs a phone about 100 ms while the first page
// hydrates. The tests check each against Intl.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A whole number with thousands separators: 12345 → "12,345". */
export function formatCount(n: number): string {
	const digits = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+$)/g, ',');
	return n < 0 ? `-${digits}` : digits;
}

/** A timestamp's day in UTC, as en-US's medium date style writes it: "Mar 5, 2026". */
export function formatDay(iso: string): string {
	const date = new Date(iso);
	return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** A timestamp's time of day on this device's clock, as en-US's short time style writes it: "3:05 PM". */
export function formatTime(iso: string): string {
	const date = new Date(iso);
	const hours = date.getHours();
	return `${hours % 12 || 12}:${String(date.getMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}
