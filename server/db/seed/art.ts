// Deterministic flat "product illustrations" for the demo catalog.
// Each product gets a small SVG: a soft background, a simple object that depends on the
// collection, and colours picked from a fixed palette by a hash of the slug, so every
// product looks different while the shop as a whole stays coherent.

import { seededRandom } from '../../../src/lib/shared/random';

export type ArtInput = { slug: string; title: string; collectionSlug: string };

const BACKGROUNDS = [
	'#F4ECE1',
	'#E9EFE6',
	'#E4ECF2',
	'#F6E6DF',
	'#EDE8F3',
	'#F5EED6',
	'#E1EEEA',
	'#F1E4D4'
];

const MAINS = [
	'#C8553D',
	'#2F6F73',
	'#D49A3A',
	'#6B8F71',
	'#3D5A80',
	'#B56576',
	'#8C6A4F',
	'#E07A5F',
	'#4F6D7A',
	'#7D6BA8'
];

const ACCENTS = ['#F2C14E', '#F7F3EC', '#E76F51', '#264653', '#98C1D9', '#F4A6A6', '#A8C686', '#2B2D42'];

const GREENS = ['#4E7D55', '#6A9C6E', '#88B07A', '#3F6E5A'];

/** 32-bit FNV-1a. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function pick<T>(list: readonly T[], next: () => number): T {
	return list[Math.floor(next() * list.length) % list.length] as T;
}

function rgb(hex: string): [number, number, number] {
	const n = parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Mix `hex` towards `other` by `amount` (0..1). */
function mix(hex: string, other: string, amount: number): string {
	const a = rgb(hex);
	const b = rgb(other);
	const out = a.map((v, i) => Math.round(v + ((b[i] ?? 0) - v) * amount));
	return '#' + out.map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function luminance(hex: string): number {
	const [r, g, b] = rgb(hex);
	return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

type Colors = {
	main: string;
	dark: string;
	ink: string;
	lite: string;
	accent: string;
	green: string;
	green2: string;
	bg: string;
};

const shadow = (cx: number, cy: number, rx: number, ry: number) =>
	`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" opacity=".08"/>`;

function mug(c: Colors): string {
	return (
		shadow(200, 308, 110, 14) +
		`<ellipse cx="200" cy="302" rx="104" ry="14" fill="${c.lite}"/>` +
		`<path d="M164 124c-10-14 10-22 0-38M200 118c-10-14 10-22 0-38M236 124c-10-14 10-22 0-38" fill="none" stroke="${c.lite}" stroke-width="7" stroke-linecap="round"/>` +
		`<path d="M262 184h10a34 34 0 0 1 0 68h-10" fill="none" stroke="${c.dark}" stroke-width="16"/>` +
		`<path d="M136 148h128v118a32 32 0 0 1-32 32h-64a32 32 0 0 1-32-32z" fill="${c.main}"/>` +
		`<rect x="136" y="196" width="128" height="20" fill="${c.accent}"/>` +
		`<rect x="130" y="140" width="140" height="16" rx="8" fill="${c.dark}"/>`
	);
}

function plant(c: Colors): string {
	const leaf = (angle: number, scale: number, fill: string) =>
		`<path d="M0 0C-26-30-22-74 0-104C22-74 26-30 0 0z" fill="${fill}" transform="translate(200 236) rotate(${angle}) scale(${scale})"/>`;
	return (
		shadow(200, 314, 90, 12) +
		leaf(-52, 1, c.green2) +
		leaf(52, 1, c.green2) +
		leaf(-22, 1.25, c.green) +
		leaf(24, 1.15, c.green) +
		leaf(0, 1.45, c.green2) +
		`<path d="M140 240h120l-16 72h-88z" fill="${c.main}"/>` +
		`<rect x="130" y="226" width="140" height="26" rx="6" fill="${c.dark}"/>` +
		`<rect x="146" y="268" width="108" height="8" fill="${c.accent}"/>`
	);
}

function bag(c: Colors): string {
	return (
		shadow(200, 312, 112, 12) +
		`<path d="M158 172v-30a42 42 0 0 1 84 0v30" fill="none" stroke="${c.ink}" stroke-width="14"/>` +
		`<rect x="104" y="164" width="192" height="146" rx="20" fill="${c.main}"/>` +
		`<path d="M104 186q0-22 22-22h148q22 0 22 22v44q-96 28-192 0z" fill="${c.dark}"/>` +
		`<rect x="186" y="226" width="28" height="28" rx="5" fill="${c.accent}"/>` +
		`<rect x="195" y="235" width="10" height="10" rx="2" fill="${c.dark}"/>`
	);
}

function headphones(c: Colors): string {
	return (
		shadow(200, 318, 112, 10) +
		`<path d="M118 248v-44a82 82 0 0 1 164 0v44" fill="none" stroke="${c.dark}" stroke-width="16" stroke-linecap="round"/>` +
		`<rect x="136" y="230" width="22" height="72" rx="9" fill="${c.accent}"/>` +
		`<rect x="242" y="230" width="22" height="72" rx="9" fill="${c.accent}"/>` +
		`<rect x="94" y="216" width="54" height="100" rx="24" fill="${c.main}"/>` +
		`<rect x="252" y="216" width="54" height="100" rx="24" fill="${c.main}"/>` +
		`<circle cx="121" cy="266" r="10" fill="${c.lite}"/>` +
		`<circle cx="279" cy="266" r="10" fill="${c.lite}"/>`
	);
}

function notebook(c: Colors): string {
	return (
		shadow(200, 316, 120, 11) +
		`<g transform="rotate(-7 190 205)">` +
		`<rect x="126" y="102" width="150" height="208" rx="10" fill="${c.lite}"/>` +
		`<rect x="116" y="96" width="150" height="208" rx="10" fill="${c.main}"/>` +
		`<rect x="116" y="96" width="24" height="208" rx="10" fill="${c.dark}"/>` +
		`<rect x="160" y="134" width="78" height="38" rx="5" fill="${c.lite}"/>` +
		`<rect x="240" y="96" width="9" height="208" fill="${c.accent}"/>` +
		`</g>` +
		`<g transform="rotate(22 300 205)">` +
		`<rect x="291" y="98" width="18" height="160" rx="8" fill="${c.ink}"/>` +
		`<rect x="291" y="118" width="18" height="10" fill="${c.accent}"/>` +
		`<path d="M292 250h16l-8 28z" fill="${c.ink}"/>` +
		`</g>`
	);
}

function lamp(c: Colors): string {
	return (
		`<path d="M148 208h104l46 100h-196z" fill="#FFF6D5" opacity=".55"/>` +
		shadow(200, 312, 70, 10) +
		`<rect x="194" y="200" width="12" height="98" fill="${c.ink}"/>` +
		`<path d="M146 312a54 30 0 0 1 108 0z" fill="${c.dark}"/>` +
		`<path d="M156 104h88l40 104h-168z" fill="${c.main}"/>` +
		`<rect x="116" y="200" width="168" height="10" rx="5" fill="${c.accent}"/>`
	);
}

function vase(c: Colors): string {
	return (
		`<path d="M200 124C196 90 210 64 238 46M200 124C200 90 186 70 160 58M200 124C202 92 200 62 204 34" fill="none" stroke="${c.green}" stroke-width="4" stroke-linecap="round"/>` +
		`<circle cx="238" cy="46" r="14" fill="${c.accent}"/>` +
		`<circle cx="160" cy="58" r="12" fill="${c.lite}"/>` +
		`<circle cx="204" cy="34" r="10" fill="${c.accent}"/>` +
		shadow(200, 314, 90, 11) +
		`<path d="M178 122h44v24c0 22 50 42 50 96c0 44-30 70-72 70s-72-26-72-70c0-54 50-74 50-96z" fill="${c.main}"/>` +
		`<rect x="168" y="114" width="64" height="14" rx="7" fill="${c.dark}"/>` +
		`<circle cx="166" cy="256" r="9" fill="${c.accent}"/>` +
		`<circle cx="200" cy="262" r="9" fill="${c.accent}"/>` +
		`<circle cx="234" cy="256" r="9" fill="${c.accent}"/>`
	);
}

function pan(c: Colors): string {
	return (
		`<circle cx="186" cy="220" r="92" fill="#000" opacity=".08"/>` +
		`<rect x="240" y="198" width="134" height="22" rx="11" fill="${c.ink}" transform="rotate(-18 250 209)"/>` +
		`<circle cx="176" cy="210" r="92" fill="${c.main}"/>` +
		`<circle cx="176" cy="210" r="74" fill="${c.dark}"/>` +
		`<path d="M150 180c24-22 66-10 66 22s-30 48-62 38-34-42-4-60z" fill="#FBF8F2"/>` +
		`<circle cx="178" cy="208" r="17" fill="#F2B632"/>`
	);
}

function plate(c: Colors): string {
	return (
		`<circle cx="208" cy="212" r="104" fill="#000" opacity=".08"/>` +
		`<circle cx="200" cy="204" r="104" fill="#FBF8F2"/>` +
		`<circle cx="200" cy="204" r="82" fill="none" stroke="${c.main}" stroke-width="10"/>` +
		`<circle cx="200" cy="204" r="62" fill="${c.lite}"/>` +
		`<circle cx="184" cy="196" r="14" fill="${c.accent}"/>` +
		`<circle cx="214" cy="214" r="11" fill="${c.green}"/>` +
		`<path d="M56 104v40M64 104v40M72 104v40" stroke="${c.ink}" stroke-width="4" stroke-linecap="round"/>` +
		`<rect x="54" y="138" width="20" height="16" rx="6" fill="${c.ink}"/>` +
		`<rect x="58" y="150" width="12" height="154" rx="6" fill="${c.ink}"/>` +
		`<path d="M332 104q20 10 16 96h-16z" fill="${c.ink}"/>` +
		`<rect x="332" y="196" width="14" height="108" rx="7" fill="${c.ink}"/>`
	);
}

function tent(c: Colors): string {
	return (
		`<path d="M70 306l26-70 26 70zM300 306l22-58 22 58z" fill="${c.green2}" opacity=".6"/>` +
		shadow(200, 308, 128, 10) +
		`<path d="M200 104L314 306H86z" fill="${c.main}"/>` +
		`<path d="M200 104L314 306H200z" fill="${c.dark}"/>` +
		`<path d="M200 176L240 306h-80z" fill="${c.ink}"/>` +
		`<path d="M200 176l-40 130h26z" fill="${c.accent}"/>` +
		`<path d="M200 106V70" stroke="${c.ink}" stroke-width="4"/>` +
		`<path d="M202 70l26 9-26 9z" fill="${c.main}"/>`
	);
}

function bottle(c: Colors): string {
	return (
		shadow(200, 312, 64, 9) +
		`<path d="M184 102V86a16 16 0 0 1 32 0v16" fill="none" stroke="${c.ink}" stroke-width="7"/>` +
		`<rect x="174" y="98" width="52" height="42" rx="8" fill="${c.ink}"/>` +
		`<rect x="158" y="132" width="84" height="180" rx="26" fill="${c.main}"/>` +
		`<rect x="158" y="198" width="84" height="56" fill="${c.accent}"/>` +
		`<path d="M170 246l18-26 12 14 10-12 20 24z" fill="${c.main}"/>` +
		`<rect x="170" y="148" width="9" height="42" rx="4" fill="#FFF" opacity=".3"/>` +
		`<rect x="170" y="262" width="9" height="30" rx="4" fill="#FFF" opacity=".3"/>`
	);
}

function parcel(c: Colors): string {
	return (
		shadow(200, 310, 110, 11) +
		`<rect x="114" y="156" width="172" height="150" rx="8" fill="${c.main}"/>` +
		`<rect x="104" y="140" width="192" height="38" rx="6" fill="${c.dark}"/>` +
		`<rect x="188" y="140" width="24" height="166" fill="${c.accent}"/>` +
		`<rect x="228" y="240" width="44" height="30" rx="4" fill="${c.lite}"/>`
	);
}

type Drawing = { draw: (c: Colors) => string; words?: string[] };

// Per collection: drawings to choose from. A drawing whose `words` appear in the slug wins;
// otherwise one is picked by hash.
const DRAWINGS: Record<string, Drawing[]> = {
	'kitchen-dining': [
		{ draw: pan, words: ['pan', 'oven', 'warmer', 'knife', 'spoons', 'mill'] },
		{ draw: plate, words: ['plate', 'bowl', 'board', 'placemat', 'servers'] }
	],
	'coffee-tea': [{ draw: mug }],
	'home-decor': [
		{ draw: lamp, words: ['lamp', 'shade', 'candle', 'mirror'] },
		{ draw: vase, words: ['vase', 'diffuser', 'incense'] }
	],
	'bags-travel': [{ draw: bag }],
	stationery: [{ draw: notebook }],
	audio: [{ draw: headphones }],
	outdoor: [
		{ draw: tent, words: ['tent', 'hammock', 'blanket', 'stool'] },
		{ draw: bottle, words: ['bottle', 'mug', 'cookset', 'lantern'] }
	],
	'plants-garden': [{ draw: plant }]
};

function chooseDrawing(slug: string, options: Drawing[], next: () => number): Drawing {
	const parts = slug.split('-');
	const fallback = pick(options, next); // always drawn, so later picks stay stable
	return options.find((o) => o.words?.some((w) => parts.includes(w))) ?? fallback;
}

/** Returns a small, self-contained SVG document illustrating the product. */
export function productArt(input: ArtInput): string {
	const next = seededRandom(hash(input.slug));
	const bg = pick(BACKGROUNDS, next);
	const main = pick(MAINS, next);
	// Pick an accent that stands apart from the main colour.
	const start = Math.floor(next() * ACCENTS.length);
	let accent = ACCENTS[start] as string;
	for (let i = 0; i < ACCENTS.length; i++) {
		const candidate = ACCENTS[(start + i) % ACCENTS.length] as string;
		if (Math.abs(luminance(candidate) - luminance(main)) > 0.22) {
			accent = candidate;
			break;
		}
	}
	const greenIndex = Math.floor(next() * GREENS.length);
	const colors: Colors = {
		bg,
		main,
		accent,
		dark: mix(main, '#1E1B18', 0.22),
		ink: mix(main, '#1E1B18', 0.6),
		lite: mix(main, '#FFFFFF', 0.72),
		green: GREENS[greenIndex] as string,
		green2: GREENS[(greenIndex + 1) % GREENS.length] as string
	};
	const options = DRAWINGS[input.collectionSlug] ?? [{ draw: parcel }];
	const { draw } = chooseDrawing(input.slug, options, next);
	const blobX = 120 + Math.floor(next() * 160);
	const blobY = 110 + Math.floor(next() * 120);
	const blobR = 120 + Math.floor(next() * 50);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${escapeXml(input.title)}">` +
		`<rect width="400" height="400" fill="${bg}"/>` +
		`<circle cx="${blobX}" cy="${blobY}" r="${blobR}" fill="${mix(bg, '#FFFFFF', 0.45)}"/>` +
		draw(colors) +
		`</svg>\n`
	);
}
