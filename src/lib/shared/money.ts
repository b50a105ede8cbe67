const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units (cents) in their currency; money is never a float in storage. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
	const key = `${locale}:${currency}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		formatters.set(key, format);
	}
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
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
