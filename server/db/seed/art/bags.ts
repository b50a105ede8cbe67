import { line, shadow, type Draw } from './shapes';
import { textile } from './kitchen';

export const tote: Draw = (c) =>
	shadow(200, 314, 116, 10) +
	line('M152 176v-56a48 48 0 0 1 96 0v56', c.dark, 12) +
	`<path d="M108 160h184l16 150H92z" fill="${c.main}"/>` +
	`<rect x="108" y="160" width="184" height="22" fill="${c.dark}"/>` +
	`<rect x="160" y="220" width="80" height="56" rx="6" fill="${c.accent}"/>`;

const handbag: Draw = (c) =>
	shadow(200, 312, 112, 12) +
	line('M158 172v-30a42 42 0 0 1 84 0v30', c.ink, 14) +
	`<rect x="104" y="164" width="192" height="146" rx="20" fill="${c.main}"/>` +
	`<path d="M104 186q0-22 22-22h148q22 0 22 22v44q-96 28-192 0z" fill="${c.dark}"/>` +
	`<rect x="186" y="226" width="28" height="28" rx="5" fill="${c.accent}"/>` +
	`<rect x="195" y="235" width="10" height="10" rx="2" fill="${c.dark}"/>`;

const backpack: Draw = (c) =>
	shadow(200, 314, 100, 10) +
	`<rect x="118" y="112" width="164" height="200" rx="36" fill="${c.main}"/>` +
	`<rect x="128" y="92" width="144" height="44" rx="12" fill="${c.dark}"/>` +
	`<rect x="188" y="110" width="24" height="84" fill="${c.ink}"/>` +
	`<rect x="182" y="184" width="36" height="18" rx="4" fill="${c.accent}"/>` +
	`<rect x="144" y="214" width="112" height="80" rx="22" fill="${c.dark}"/>` +
	line('M160 232h80', c.ink, 4);

/** A zipped pouch: cubes, kits, sleeves, rolls. */
export const pouch: Draw = (c) =>
	shadow(200, 312, 118, 10) +
	`<rect x="96" y="150" width="208" height="156" rx="30" fill="${c.main}"/>` +
	`<path d="M96 196h208" stroke="${c.dark}" stroke-width="14"/>` +
	line('M110 196h180', c.lite, 4, ' stroke-dasharray="3 5"') +
	`<rect x="264" y="188" width="16" height="40" rx="6" fill="${c.accent}"/>` +
	`<rect x="176" y="248" width="48" height="22" rx="4" fill="${c.lite}"/>`;

const wallet: Draw = (c) =>
	shadow(200, 318, 100, 9) +
	`<rect x="130" y="92" width="150" height="96" rx="8" fill="${c.accent}" transform="rotate(-8 205 140)"/>` +
	`<rect x="110" y="130" width="180" height="180" rx="14" fill="${c.main}"/>` +
	`<rect x="122" y="142" width="156" height="156" rx="8" fill="none" stroke="${c.lite}" stroke-width="3" stroke-dasharray="7 6"/>` +
	`<circle cx="200" cy="220" r="26" fill="none" stroke="${c.lite}" stroke-width="5"/>`;

const tag: Draw = (c) =>
	line('M200 150c0-60 70-70 100-112', c.ink, 8) +
	shadow(200, 326, 80, 8) +
	`<rect x="130" y="130" width="140" height="190" rx="22" fill="${c.main}"/>` +
	`<circle cx="200" cy="158" r="10" fill="${c.bg}"/>` +
	`<rect x="150" y="200" width="100" height="80" rx="6" fill="${c.lite}"/>` +
	line('M164 224h60M164 246h76', c.dark, 5);

const suitcase: Draw = (c) =>
	line('M176 124V96h48v28', c.ink, 10) +
	shadow(200, 318, 96, 9) +
	`<rect x="120" y="118" width="160" height="190" rx="20" fill="${c.main}"/>` +
	line('M160 132v162M200 132v162M240 132v162', c.dark, 6) +
	`<circle cx="144" cy="314" r="9" fill="${c.ink}"/><circle cx="256" cy="314" r="9" fill="${c.ink}"/>`;

const mask: Draw = (c) =>
	line('M56 212c40-40 248-40 288 0', c.ink, 8) +
	shadow(200, 290, 110, 9) +
	`<path d="M96 200c0-44 64-54 104-32c40-22 104-12 104 32c0 52-54 62-104 40c-50 22-104 12-104-40z" fill="${c.main}"/>` +
	line('M130 206q26 18 52 0M218 206q26 18 52 0', c.lite, 5);

export const bags = { tote, handbag, backpack, pouch, wallet, textile, tag, suitcase, mask };
