import { z } from './zod';

// Made on first use: Intl's region names cost a phone tens of milliseconds to load.
let regionNames: Intl.DisplayNames | null = null;

// Codes Intl names that are groupings ("EU", "UN") or placeholders, not places to ship to.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'XA', 'XB', 'QO', 'ZZ']);

/** The English name of an ISO 3166-1 alpha-2 country code, or undefined when there is none. */
export function countryName(code: string): string | undefined {
	if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return undefined;
	try {
		return (regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })).of(code);
	} catch {
		return undefined;
	}
}

/**
 * Whether a code is the one in use for its country. Intl also names withdrawn codes, after the
 * country that took them over (DY Benin, HV Burkina Faso, UK United Kingdom, FX France…):
 * those canonicalize to today's code.
 */
function currentCode(code: string): boolean {
	try {
		return Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
	} catch {
		return false;
	}
}

let countryList: { code: string; name: string }[] | null = null;

/** Every country Intl knows by name, once each under its current code, sorted by name: the address form's choices. */
export function countries(): { code: string; name: string }[] {
	return (countryList ??= Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)))
		.flatMap((code) => {
			const name = currentCode(code) ? countryName(code) : undefined;
			return name ? [{ code, name }] : [];
		})
		.sort((a, b) => a.name.localeCompare(b.name)));
}

/** Where the shop is: it prices in US dollars and ships from the United States. */
export const SHOP_COUNTRY = 'US';

/**
 * The country a new address starts at: the first country named by the browser's languages
 * ("en-GB" → GB), else the shop's own. A language alone ("en") names no country.
 */
export function defaultCountry(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): string {
	for (const tag of languages) {
		let region: string | undefined;
		try {
			region = new Intl.Locale(tag).region;
		} catch {
			continue;
		}
		if (region && currentCode(region) && countryName(region)) return region;
	}
	return SHOP_COUNTRY;
}

/** Postal code shapes of the common countries; any other country takes free text. */
const postalCodes: Record<string, { pattern: RegExp; example: string }> = {
	US: { pattern: /^\d{5}(-\d{4})?$/, example: '94107 or 94107-1234' },
	CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'K1A 0B1' },
	GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: 'SW1A 1AA' },
	IE: { pattern: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/i, example: 'D02 X285' },
	DE: { pattern: /^\d{5}$/, example: '10115' },
	FR: { pattern: /^\d{5}$/, example: '75001' },
	ES: { pattern: /^\d{5}$/, example: '28001' },
	IT: { pattern: /^\d{5}$/, example: '00118' },
	NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: '1012 AB' },
	BE: { pattern: /^\d{4}$/, example: '1000' },
	AT: { pattern: /^\d{4}$/, example: '1010' },
	CH: { pattern: /^\d{4}$/, example: '8001' },
	DK: { pattern: /^\d{4}$/, example: '1050' },
	SE: { pattern: /^\d{3} ?\d{2}$/, example: '114 55' },
	NO: { pattern: /^\d{4}$/, example: '0150' },
	PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
	PT: { pattern: /^\d{4}-\d{3}$/, example: '1000-001' },
	AU: { pattern: /^\d{4}$/, example: '2000' },
	NZ: { pattern: /^\d{4}$/, example: '6011' },
	JP: { pattern: /^\d{3}-?\d{4}$/, example: '100-0001' },
	IN: { pattern: /^\d{6}$/, example: '110001' },
	BR: { pattern: /^\d{5}-?\d{3}$/, example: '01310-100' },
	MX: { pattern: /^\d{5}$/, example: '06000' }
};

export function postalCodeExample(country: string): string | undefined {
	return postalCodes[country]?.example;
}

const text = (label: string, max: number) =>
	z.string().trim().min(1, `Enter the ${label}.`).max(max, `Keep the ${label} under ${max} characters.`);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Keep it under ${max} characters.`)
		.transform((s) => s || null)
		.nullable()
		.optional();

/** A shipping address as a shopper types it; both the forms and the API validate with it. */
export const addressFields = z
	.strictObject({
		name: text('name', 100),
		line1: text('street address', 200),
		line2: optionalText(200),
		city: text('city', 100),
		postalCode: z.string().trim().max(20, 'Keep the postal code under 20 characters.').default(''),
		region: optionalText(100),
		country: z
			.string()
			.trim()
			.toUpperCase()
			.refine((code) => countryName(code) !== undefined, 'Choose a country.'),
		phone: z
			.string()
			.trim()
			.max(30)
			.regex(/^[+()\d\s.-]*$/, 'A phone number has digits, spaces and + ( ) . - only.')
			.transform((s) => s || null)
			.nullable()
			.optional()
	})
	.superRefine((address, ctx) => {
		const shape = postalCodes[address.country];
		if (shape && !shape.pattern.test(address.postalCode)) {
			ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `Enter a postal code like ${shape.example}.` });
		}
	});
export type AddressFields = z.output<typeof addressFields>;

/** Addresses one account may keep. */
export const MAX_ADDRESSES = 50;

export const addressCreateInput = z.strictObject({ address: addressFields, isDefault: z.boolean().default(false) });
export const addressUpdateInput = z.strictObject({ id: z.uuid(), address: addressFields, isDefault: z.boolean().optional() });
export const addressIdInput = z.strictObject({ id: z.uuid() });

export type AddressView = AddressFields & { id: string; isDefault: boolean };

// Where the postal code follows the city and region ("San Francisco, CA 94107").
const CITY_FIRST = new Set(['US', 'CA', 'AU', 'GB', 'IE', 'NZ', 'BR', 'IN']);

/** The town part of an address, in the order its country writes it. */
export function cityLine(a: Pick<AddressFields, 'city' | 'postalCode' | 'region' | 'country'>): string {
	if (CITY_FIRST.has(a.country)) return [[a.city, a.region].filter(Boolean).join(', '), a.postalCode].filter(Boolean).join(' ');
	return [[a.postalCode, a.city].filter(Boolean).join(' '), a.region].filter(Boolean).join(', ');
}

/** An address as the lines of a label (the phone apart). */
export function addressLines(a: AddressFields): string[] {
	return [a.name, a.line1, a.line2, cityLine(a), countryName(a.country) ?? a.country].filter((line): line is string => Boolean(line));
}

/** An address on one line, for lists and choices. */
export function addressLine(a: AddressFields): string {
	return addressLines(a).join(', ');
}
