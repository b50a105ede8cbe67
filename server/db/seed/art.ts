// Deterministic flat "product illustrations" for the demo catalog.
// Each product gets a small SVG: a soft background, the kind of object it is (art/kinds.ts),
// and colours picked from a fixed palette by a hash of the slug, so every product looks
// different while the shop as a whole stays coherent.

import { seededRandom } from '../../../src/lib/shared/random';
import { bags } from './art/bags';
import { coffee } from './art/coffee';
import { audio, stationery } from './art/desk';
import { home } from './art/home';
import { kitchen } from './art/kitchen';
import type { ArtKind } from './art/kinds';
import { garden, outdoor } from './art/outdoors';
import type { Colors, Draw } from './art/shapes';

export type ArtInput = { slug: string; title: string; kind: ArtKind };

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

/** Every kind's drawing: the type lists each kind once. */
const DRAWINGS: Record<ArtKind, Draw> = {
	...kitchen,
	...coffee,
	...home,
	...bags,
	...stationery,
	...audio,
	...outdoor,
	...garden
};

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
	const draw = DRAWINGS[input.kind];
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
