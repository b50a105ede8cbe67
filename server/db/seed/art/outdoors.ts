// Outdoor, and plants and garden.
import { GLOW, leaf, line, shadow, SOIL, STEEL, type Colors, type Draw } from './shapes';
import { kitchen, textile, utensils } from './kitchen';
import { coffee } from './coffee';
import { tote } from './bags';

const tent: Draw = (c) =>
	`<path d="M70 306l26-70 26 70zM300 306l22-58 22 58z" fill="${c.green2}" opacity=".6"/>` +
	shadow(200, 308, 128, 10) +
	`<path d="M200 104L314 306H86z" fill="${c.main}"/>` +
	`<path d="M200 104L314 306H200z" fill="${c.dark}"/>` +
	`<path d="M200 176L240 306h-80z" fill="${c.ink}"/>` +
	`<path d="M200 176l-40 130h26z" fill="${c.accent}"/>` +
	`<path d="M200 106V70" stroke="${c.ink}" stroke-width="4"/>` +
	`<path d="M202 70l26 9-26 9z" fill="${c.main}"/>`;

const bottle: Draw = (c) =>
	shadow(200, 312, 64, 9) +
	`<path d="M184 102V86a16 16 0 0 1 32 0v16" fill="none" stroke="${c.ink}" stroke-width="7"/>` +
	`<rect x="174" y="98" width="52" height="42" rx="8" fill="${c.ink}"/>` +
	`<rect x="158" y="132" width="84" height="180" rx="26" fill="${c.main}"/>` +
	`<rect x="158" y="198" width="84" height="56" fill="${c.accent}"/>` +
	`<path d="M170 246l18-26 12 14 10-12 20 24z" fill="${c.main}"/>` +
	`<rect x="170" y="148" width="9" height="42" rx="4" fill="#FFF" opacity=".3"/>`;

const stool: Draw = (c) =>
	shadow(200, 312, 100, 9) +
	line('M136 176l128 132M264 176L136 308', c.ink, 12) +
	`<rect x="108" y="150" width="184" height="30" rx="12" fill="${c.main}"/>`;

const sock = (x: number, fill: string, c: Colors) =>
	`<path d="M${x} 100h60v128c0 10 6 18 18 26l32 20c22 14 10 48-14 42l-62-18c-24-8-34-26-34-50z" fill="${fill}"/>` +
	`<rect x="${x}" y="100" width="60" height="26" fill="${c.lite}"/>` +
	`<path d="M${x + 96} 268c14 8 16 30-4 32l-20-6z" fill="${c.accent}"/>`;

const socks: Draw = (c) => shadow(200, 312, 120, 9) + sock(90, c.dark, c) + sock(160, c.main, c);

const lantern: Draw = (c) =>
	line('M162 122c0-52 76-52 76 0', c.ink, 8) +
	shadow(200, 312, 80, 10) +
	`<rect x="146" y="146" width="108" height="126" fill="${GLOW}"/>` +
	`<circle cx="200" cy="210" r="30" fill="#F2C14E"/>` +
	line('M146 150v120M254 150v120M200 150v120', c.main, 8) +
	`<path d="M150 118h100l18 32H132z" fill="${c.main}"/>` +
	`<rect x="134" y="268" width="132" height="40" rx="8" fill="${c.main}"/>`;

const hammock: Draw = (c) =>
	shadow(200, 314, 150, 8) +
	`<rect x="56" y="110" width="16" height="200" rx="4" fill="${c.ink}"/>` +
	`<rect x="328" y="110" width="16" height="200" rx="4" fill="${c.ink}"/>` +
	line('M72 140l50 56M328 140l-50 56', c.ink, 4) +
	`<path d="M118 194c40 96 124 96 164 0z" fill="${c.main}"/>` +
	line('M140 214q60 40 120 0', c.accent, 8);

const compass: Draw = (c) =>
	`<circle cx="200" cy="100" r="14" fill="none" stroke="${c.dark}" stroke-width="7"/>` +
	shadow(200, 312, 96, 9) +
	`<circle cx="200" cy="212" r="98" fill="${c.main}"/>` +
	`<circle cx="200" cy="212" r="80" fill="${c.lite}"/>` +
	`<path d="M200 144l16 68h-32z" fill="#E76F51"/>` +
	`<path d="M200 280l16-68h-32z" fill="${c.ink}"/>` +
	`<circle cx="200" cy="212" r="7" fill="${c.dark}"/>`;

const headlamp: Draw = (c) =>
	`<path d="M176 262L96 380h208l-80-118z" fill="${GLOW}" opacity=".45"/>` +
	`<ellipse cx="200" cy="200" rx="128" ry="58" fill="none" stroke="${c.main}" stroke-width="20"/>` +
	`<rect x="150" y="218" width="100" height="66" rx="18" fill="${c.ink}"/>` +
	`<circle cx="200" cy="251" r="22" fill="${GLOW}"/>` +
	`<rect x="236" y="226" width="8" height="14" rx="3" fill="${c.accent}"/>`;

const beanie: Draw = (c) =>
	shadow(200, 310, 116, 10) +
	`<circle cx="200" cy="110" r="26" fill="${c.accent}"/>` +
	`<path d="M104 270c0-98 40-146 96-146s96 48 96 146z" fill="${c.main}"/>` +
	`<rect x="94" y="248" width="212" height="58" rx="14" fill="${c.dark}"/>` +
	line('M120 258v38M148 258v38M176 258v38M204 258v38M232 258v38M260 258v38M288 258v38', c.lite, 4, ' opacity=".35"');

const plant: Draw = (c) =>
	shadow(200, 314, 90, 12) +
	leaf(200, 236, -52, 1, c.green2) +
	leaf(200, 236, 52, 1, c.green2) +
	leaf(200, 236, -22, 1.25, c.green) +
	leaf(200, 236, 24, 1.15, c.green) +
	leaf(200, 236, 0, 1.45, c.green2) +
	`<path d="M140 240h120l-16 72h-88z" fill="${c.main}"/>` +
	`<rect x="130" y="226" width="140" height="26" rx="6" fill="${c.dark}"/>` +
	`<rect x="146" y="268" width="108" height="8" fill="${c.accent}"/>`;

const planter: Draw = (c) =>
	shadow(200, 314, 100, 10) +
	leaf(200, 172, -30, 0.4, c.green) +
	leaf(200, 172, 30, 0.4, c.green2) +
	`<path d="M124 176h152l-22 132H146z" fill="${c.main}"/>` +
	`<rect x="112" y="160" width="176" height="30" rx="6" fill="${c.dark}"/>` +
	`<rect x="136" y="238" width="128" height="10" fill="${c.accent}"/>`;

const hangingPlant: Draw = (c) =>
	line('M200 30L144 196M200 30l56 166M200 30v166', c.ink, 4) +
	`<circle cx="200" cy="32" r="8" fill="${c.ink}"/>` +
	leaf(150, 190, -40, 0.7, c.green) +
	leaf(250, 190, 40, 0.7, c.green2) +
	line('M144 230c-20 30-10 70-30 100M256 230c20 30 10 70 30 100', c.green, 5) +
	[[128, 270], [118, 310], [272, 270], [282, 310]]
		.map(([x, y], i) => `<ellipse cx="${x}" cy="${y}" rx="14" ry="9" fill="${i % 2 ? c.green2 : c.green}"/>`)
		.join('') +
	`<path d="M136 194h128l-14 74h-100z" fill="${c.main}"/>` +
	`<rect x="130" y="186" width="140" height="18" rx="6" fill="${c.dark}"/>`;

const bulb = (x: number, c: Colors, i: number) =>
	leaf(x, 190, (i - 1) * 18, 0.45, i % 2 ? c.green2 : c.green) +
	`<circle cx="${x}" cy="248" r="34" fill="${c.lite}" opacity=".85"/>` +
	`<rect x="${x - 12}" y="188" width="24" height="34" fill="${c.lite}" opacity=".85"/>` +
	line(`M${x} 196v70`, c.green, 3);

const propagation: Draw = (c) =>
	shadow(200, 312, 120, 9) +
	`<rect x="92" y="288" width="216" height="22" rx="6" fill="${c.main}"/>` +
	`<rect x="100" y="200" width="14" height="100" fill="${c.main}"/>` +
	`<rect x="286" y="200" width="14" height="100" fill="${c.main}"/>` +
	[140, 200, 260].map((x, i) => bulb(x, c, i)).join('') +
	`<rect x="92" y="196" width="216" height="14" rx="4" fill="${c.dark}"/>`;

const mister: Draw = (c) =>
	line('M128 110l-24-8M128 118l-28 4M130 126l-22 16', c.lite, 4) +
	shadow(200, 314, 70, 9) +
	`<rect x="194" y="76" width="12" height="30" rx="4" fill="${c.ink}"/>` +
	`<rect x="132" y="104" width="84" height="18" rx="6" fill="${c.ink}"/>` +
	`<rect x="184" y="118" width="32" height="48" fill="${c.dark}"/>` +
	`<path d="M164 164h72v124a24 24 0 0 1-24 24h-24a24 24 0 0 1-24-24z" fill="${c.main}"/>` +
	`<rect x="176" y="180" width="8" height="110" rx="4" fill="#FFF" opacity=".3"/>`;

const shears: Draw = (c) =>
	`<path d="M200 200L122 66l22-6 68 134z" fill="${STEEL}"/>` +
	`<path d="M200 200L278 66l-22-6-68 134z" fill="#C3CBD2"/>` +
	line('M200 204l-58 100', c.main, 26) +
	line('M200 204l58 100', c.dark, 26) +
	`<circle cx="200" cy="202" r="10" fill="${c.ink}"/>`;

const packet = (x: number, angle: number, fill: string, c: Colors) =>
	`<g transform="rotate(${angle} ${x} 300)">` +
	`<rect x="${x - 52}" y="110" width="104" height="150" rx="6" fill="${fill}"/>` +
	`<rect x="${x - 40}" y="160" width="80" height="80" rx="4" fill="${c.lite}"/>` +
	leaf(x, 232, -30, 0.4, c.green) +
	leaf(x, 232, 30, 0.4, c.green2) +
	`</g>`;

const seeds: Draw = (c) =>
	shadow(200, 300, 130, 9) + packet(140, -14, c.dark, c) + packet(260, 14, c.accent, c) + packet(200, 0, c.main, c);

const wateringCan: Draw = (c) =>
	shadow(220, 312, 96, 10) +
	line('M176 170c0-64 108-64 100 24', c.dark, 14) +
	`<path d="M146 236L74 156l14-12 74 72z" fill="${c.main}"/>` +
	`<rect x="50" y="130" width="40" height="26" rx="6" fill="${c.dark}" transform="rotate(-40 70 143)"/>` +
	`<rect x="138" y="168" width="150" height="140" rx="16" fill="${c.main}"/>` +
	`<rect x="138" y="196" width="150" height="10" fill="${c.dark}"/>` +
	`<rect x="138" y="276" width="150" height="10" fill="${c.dark}"/>`;

const soil: Draw = (c) =>
	shadow(200, 314, 110, 10) +
	`<path d="M118 112h164l16 198H102z" fill="${c.main}"/>` +
	`<rect x="118" y="104" width="164" height="26" fill="${c.dark}"/>` +
	`<rect x="140" y="168" width="120" height="104" rx="8" fill="${c.lite}"/>` +
	leaf(200, 256, -34, 0.5, c.green) +
	leaf(200, 256, 34, 0.5, c.green2) +
	`<path d="M70 314c18-30 62-32 84 0z" fill="${SOIL}"/>`;

const trowel: Draw = (c) =>
	shadow(200, 316, 100, 9) +
	`<g transform="rotate(-35 200 200)">` +
	`<path d="M200 50c44 22 54 86 0 156c-54-70-44-134 0-156z" fill="${STEEL}"/>` +
	`<rect x="194" y="196" width="12" height="34" fill="${c.ink}"/>` +
	`<rect x="182" y="226" width="36" height="104" rx="15" fill="${c.main}"/>` +
	`</g>`;

const apron: Draw = (c) =>
	line('M160 120c0-54 80-54 80 0', c.dark, 10) +
	line('M112 196l-44 32M288 196l44 32', c.dark, 8) +
	shadow(200, 316, 100, 9) +
	`<path d="M150 110h100v62c22 0 40 6 50 16l-12 124H112l-12-124c10-10 28-16 50-16z" fill="${c.main}"/>` +
	`<rect x="146" y="222" width="108" height="54" rx="6" fill="${c.dark}"/>` +
	line('M200 224v50', c.main, 4);

const marker = (x: number, fill: string, c: Colors) =>
	`<rect x="${x - 16}" y="120" width="32" height="170" rx="3" fill="${fill}"/>` +
	`<path d="M${x - 16} 288h32l-16 26z" fill="${fill}"/>` +
	`<rect x="${x - 10}" y="136" width="20" height="40" rx="2" fill="${c.lite}" opacity=".6"/>`;

const markers: Draw = (c) =>
	shadow(200, 300, 120, 10) +
	marker(140, c.main, c) +
	marker(200, c.dark, c) +
	marker(260, c.main, c) +
	`<path d="M80 306c30-36 210-36 240 0z" fill="${SOIL}"/>`;

export const outdoor = {
	tent,
	bottle,
	mug: coffee.mug,
	textile,
	stool,
	socks,
	lantern,
	utensils,
	hammock,
	pot: kitchen.pot,
	tote,
	compass,
	headlamp,
	beanie
};

export const garden = {
	'hanging-plant': hangingPlant,
	propagation,
	mister,
	shears,
	seeds,
	'watering-can': wateringCan,
	soil,
	trowel,
	apron,
	markers,
	plant,
	planter
};
