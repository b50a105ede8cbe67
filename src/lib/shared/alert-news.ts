import { formatMoney } from './money';

// What an alert says, in a toast, a system notification, the alerts list and a push from the
// server alike: small, as the code every page loads shows the toasts (the device's comparison
// is in src/lib/device/watching.ts, the server's in drizzle/0018_push_on_change.sql).

/** A watched product's change, as far as the words need it. */
export type AlertChange = { kind: 'restock' | 'price'; title: string; priceMinor: number; previousPriceMinor: number; currency: string };

/** The sentence an alert says, in the toast, the notification and the alerts list alike. */
export function alertNews(alert: AlertChange): string {
	if (alert.kind === 'restock') return `${alert.title} is back in stock.`;
	return `${alert.title} is now ${formatMoney(alert.priceMinor, alert.currency)}, down from ${formatMoney(alert.previousPriceMinor, alert.currency)}.`;
}

/** More alerts at once than this are told as one ("5 products you watch changed"), not one by one. */
export const TOLD_ONE_BY_ONE = 3;

/** What one notice says of several alerts. */
export function alertsNews(count: number): string {
	return `${count} products you watch are back in stock or cost less.`;
}
