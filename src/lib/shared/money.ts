import { formatCount } from './format';

const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();

/** Formats integer minor units (cents) in their currency; money is never a float in storage. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
	// The shop's own currency is written by hand, like the counts in `format.ts`.
	if (currency === 'USD' && locale === 'en-US' && Number.isSafeInteger(minor)) return dollars(minor);
	const key = `${locale}:${currency}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		formatter = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
		formatters.set(key, formatter);
	}
	return formatter.format.format(minor / 10 ** formatter.digits);
}

/** US dollars as en-US writes them: "-$1,234.05". */
function dollars(minor: number): string {
	const cents = Math.abs(minor);
	return `${minor < 0 ? '-' : ''}$${formatCount(Math.trunc(cents / 100))}.${String(cents % 100).padStart(2, '0')}`;
}

/** Parses a shopper-typed amount ("12", "12.5", "12.50") into minor units, or null. */
export function parseMajorUnits(text: string, digits = 2): number | null {
	const match = /^\s*(\d{1,9})(?:[.,](\d{0,2}))?\s*$/.exec(text);
	if (!match) return null;
	const fraction = (match[2] ?? '').padEnd(digits, '0').slice(0, digits);
	return Number(match[1]) * 10 ** digits + Number(fraction || 0);
}

/** Minor units as a form shows them: 495 → "4.95". */
export function majorUnits(minor: number, digits = 2): string {
	const scale = 10 ** digits;
	return `${Math.trunc(minor / scale)}.${String(minor % scale).padStart(digits, '0')}`;
}
