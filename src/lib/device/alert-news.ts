import { formatMoney } from '$lib/shared/money';
import type { AlertRecord } from './db';

// What an alert says, in a toast, a system notification and the alerts list alike: small, as
// the code every page loads shows the toasts (the comparison itself is in watching.ts).

/** The sentence an alert says, in the toast, the notification and the alerts list alike. */
export function alertNews(alert: Pick<AlertRecord, 'kind' | 'title' | 'priceMinor' | 'previousPriceMinor' | 'currency'>): string {
	if (alert.kind === 'restock') return `${alert.title} is back in stock.`;
	return `${alert.title} is now ${formatMoney(alert.priceMinor, alert.currency)}, down from ${formatMoney(alert.previousPriceMinor, alert.currency)}.`;
}

/** More alerts at once than this are told as one ("5 products you watch changed"), not one by one. */
export const TOLD_ONE_BY_ONE = 3;

/** What one notice says of several alerts. */
export function alertsNews(count: number): string {
	return `${count} products you watch are back in stock or cost less.`;
}
