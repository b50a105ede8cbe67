import { GLOW, leaf, line, shadow, type Draw } from './shapes';
import { textile } from './kitchen';

const lamp: Draw = (c) =>
	`<path d="M148 208h104l46 100h-196z" fill="${GLOW}" opacity=".55"/>` +
	shadow(200, 312, 70, 10) +
	`<rect x="194" y="200" width="12" height="98" fill="${c.ink}"/>` +
	`<path d="M146 312a54 30 0 0 1 108 0z" fill="${c.dark}"/>` +
	`<path d="M156 104h88l40 104h-168z" fill="${c.main}"/>` +
	`<rect x="116" y="200" width="168" height="10" rx="5" fill="${c.accent}"/>`;

const pendant: Draw = (c) =>
	`<path d="M150 240h100l60 90H90z" fill="${GLOW}" opacity=".5"/>` +
	line('M200 20v112', c.ink, 4) +
	`<path d="M176 128h48l76 112H100z" fill="${c.main}"/>` +
	line('M186 130l-56 108M200 130v108M214 130l56 108', c.dark, 4) +
	`<ellipse cx="200" cy="240" rx="100" ry="10" fill="${c.dark}"/>` +
	`<ellipse cx="200" cy="244" rx="30" ry="8" fill="${GLOW}"/>`;

const vase: Draw = (c) =>
	line('M200 124C196 90 210 64 238 46M200 124C200 90 186 70 160 58M200 124C202 92 200 62 204 34', c.green, 4) +
	`<circle cx="238" cy="46" r="14" fill="${c.accent}"/>` +
	`<circle cx="160" cy="58" r="12" fill="${c.lite}"/>` +
	`<circle cx="204" cy="34" r="10" fill="${c.accent}"/>` +
	shadow(200, 314, 90, 11) +
	`<path d="M178 122h44v24c0 22 50 42 50 96c0 44-30 70-72 70s-72-26-72-70c0-54 50-74 50-96z" fill="${c.main}"/>` +
	`<rect x="168" y="114" width="64" height="14" rx="7" fill="${c.dark}"/>` +
	line('M160 214v60M180 204v96M200 200v110M220 204v96M240 214v60', c.dark, 4, ' opacity=".35"');

const cushion: Draw = (c) =>
	shadow(200, 316, 116, 10) +
	`<path d="M102 120q98-22 196 0q20 94 0 188q-98 22-196 0q-20-94 0-188z" fill="${c.main}"/>` +
	`<path d="M124 142q76-14 152 0q14 72 0 144q-76 14-152 0q-14-72 0-144z" fill="none" stroke="${c.lite}" stroke-width="4" stroke-dasharray="8 7"/>` +
	`<path d="M102 214h196" stroke="${c.accent}" stroke-width="14"/>`;

const candle: Draw = (c) =>
	`<circle cx="200" cy="120" r="44" fill="${GLOW}" opacity=".6"/>` +
	shadow(200, 312, 84, 10) +
	`<path d="M200 98c16 18 14 36 0 42c-14-6-16-24 0-42z" fill="#F2B632"/>` +
	`<rect x="198" y="138" width="4" height="30" fill="${c.ink}"/>` +
	`<rect x="138" y="160" width="124" height="150" rx="18" fill="${c.main}" opacity=".92"/>` +
	`<rect x="148" y="168" width="104" height="18" rx="6" fill="${c.lite}"/>` +
	`<rect x="158" y="220" width="84" height="52" rx="4" fill="${c.lite}"/>` +
	`<rect x="172" y="240" width="56" height="6" rx="3" fill="${c.dark}"/>`;

const mirror: Draw = (c) =>
	line('M200 96V40', c.ink, 5) +
	`<circle cx="200" cy="36" r="7" fill="${c.ink}"/>` +
	shadow(206, 320, 90, 8) +
	`<circle cx="200" cy="206" r="112" fill="${c.main}"/>` +
	`<circle cx="200" cy="206" r="94" fill="#DCE7EE"/>` +
	line('M146 188l52-52M152 232l88-88', '#FFF', 12, ' opacity=".7"');

const rug: Draw = (c) =>
	`<ellipse cx="200" cy="252" rx="160" ry="66" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="252" rx="126" ry="51" fill="${c.dark}"/>` +
	`<ellipse cx="200" cy="252" rx="92" ry="37" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="252" rx="58" ry="23" fill="${c.accent}"/>` +
	`<ellipse cx="200" cy="252" rx="26" ry="10" fill="${c.main}"/>`;

const frame: Draw = (c) =>
	shadow(200, 318, 90, 8) +
	`<rect x="118" y="100" width="164" height="210" rx="4" fill="${c.main}"/>` +
	`<rect x="136" y="118" width="128" height="174" fill="${c.lite}"/>` +
	`<path d="M136 292l44-74 30 40 20-26 34 60z" fill="${c.green}"/>` +
	`<circle cx="232" cy="162" r="15" fill="${c.accent}"/>`;

const basket: Draw = (c) =>
	shadow(200, 312, 110, 11) +
	`<path d="M98 170h204l-22 138H120z" fill="${c.main}"/>` +
	line('M104 202h192M110 234h180M114 266h172M118 296h164', c.dark, 5) +
	line('M140 176l6 130M172 176l2 130M204 176v130M236 176l-2 130M266 176l-6 130', c.dark, 3, ' opacity=".5"') +
	`<rect x="88" y="158" width="224" height="22" rx="11" fill="${c.dark}"/>`;

const bookends: Draw = (c) => {
	const books = [
		[142, 150, 24, c.accent],
		[168, 132, 30, c.ink],
		[200, 160, 22, c.lite],
		[224, 140, 28, c.dark]
	] as const;
	return (
		shadow(200, 312, 130, 10) +
		books.map(([x, y, w, fill]) => `<rect x="${x}" y="${y}" width="${w}" height="${308 - y}" rx="3" fill="${fill}"/>`).join('') +
		`<path d="M88 170h50v138H88z" fill="${c.main}"/>` +
		`<path d="M256 170h50v138h-50z" fill="${c.main}"/>` +
		`<path d="M70 292h72v16H70zM252 292h72v16h-72z" fill="${c.main}"/>`
	);
};

const diffuser: Draw = (c) =>
	line('M200 170L148 52M200 170L180 40M200 170l22-130M200 170L256 58', c.ink, 4) +
	shadow(200, 314, 84, 10) +
	`<path d="M180 160h40v20c32 10 52 32 52 62v46a22 22 0 0 1-22 22H150a22 22 0 0 1-22-22v-46c0-30 20-52 52-62z" fill="${c.main}" opacity=".9"/>` +
	`<rect x="174" y="150" width="52" height="18" rx="5" fill="${c.dark}"/>` +
	`<rect x="150" y="238" width="100" height="40" rx="4" fill="${c.lite}"/>`;

const incense: Draw = (c) =>
	line('M240 110c-20-20 20-30 0-50s20-30 0-50', c.lite, 5) +
	line('M200 266L240 116', c.ink, 5) +
	`<circle cx="240" cy="116" r="5" fill="#E76F51"/>` +
	shadow(200, 312, 116, 9) +
	`<path d="M88 268h224c-10 30-50 42-112 42S98 298 88 268z" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="268" rx="112" ry="18" fill="${c.dark}"/>` +
	`<circle cx="200" cy="264" r="11" fill="${c.main}"/>` +
	leaf(150, 270, -70, 0.3, c.accent);

export const home = {
	pendant,
	lamp,
	vase,
	textile,
	cushion,
	candle,
	mirror,
	rug,
	frame,
	basket,
	bookends,
	diffuser,
	incense
};
