import { line, shadow, STEEL, type Colors, type Draw } from './shapes';

const kettle: Draw = (c) =>
	shadow(200, 312, 120, 12) +
	line('M128 270C84 262 96 176 56 150', c.main, 12) +
	line('M264 196c58-8 58 98 10 100', c.ink, 14) +
	`<path d="M112 304l18-112q70-34 140 0l18 112z" fill="${c.main}"/>` +
	`<rect x="106" y="286" width="188" height="20" rx="8" fill="${c.dark}"/>` +
	`<ellipse cx="200" cy="186" rx="64" ry="13" fill="${c.dark}"/>` +
	`<circle cx="200" cy="168" r="11" fill="${c.ink}"/>` +
	`<rect x="146" y="208" width="10" height="70" rx="5" fill="#FFF" opacity=".25"/>`;

const grinder: Draw = (c) =>
	shadow(200, 314, 72, 10) +
	line('M200 116L288 92', c.ink, 10) +
	`<rect x="276" y="64" width="24" height="40" rx="11" fill="${c.accent}"/>` +
	`<rect x="195" y="110" width="10" height="30" fill="${c.ink}"/>` +
	`<rect x="158" y="150" width="84" height="160" rx="14" fill="${c.main}"/>` +
	`<rect x="152" y="134" width="96" height="24" rx="8" fill="${c.ink}"/>` +
	`<rect x="158" y="228" width="84" height="14" fill="${c.dark}"/>` +
	line('M176 258v38M192 258v38M208 258v38M224 258v38', c.lite, 4, ' opacity=".6"');

const scale: Draw = (c) =>
	shadow(200, 300, 150, 12) +
	`<path d="M104 176h192l34 48H70z" fill="${c.lite}"/>` +
	`<rect x="70" y="222" width="260" height="62" rx="12" fill="${c.main}"/>` +
	`<rect x="150" y="236" width="100" height="32" rx="6" fill="${c.ink}"/>` +
	`<rect x="162" y="246" width="18" height="12" rx="2" fill="${c.accent}"/>` +
	`<rect x="186" y="246" width="18" height="12" rx="2" fill="${c.accent}"/>` +
	`<rect x="214" y="246" width="24" height="12" rx="2" fill="${c.accent}"/>` +
	`<circle cx="110" cy="252" r="9" fill="${c.dark}"/><circle cx="290" cy="252" r="9" fill="${c.dark}"/>`;

const dripper: Draw = (c) =>
	shadow(200, 314, 90, 10) +
	line('M288 140c42 0 42 62 4 64', c.dark, 12) +
	`<path d="M150 254h100l-10 56h-80z" fill="${c.lite}" opacity=".9"/>` +
	`<path d="M155 276h90l-6 34h-78z" fill="${c.ink}"/>` +
	`<path d="M108 124h184l-52 110h-80z" fill="${c.main}"/>` +
	line('M150 136l26 88M200 136v90M250 136l-26 88', c.lite, 5, ' opacity=".45"') +
	`<rect x="96" y="112" width="208" height="18" rx="9" fill="${c.dark}"/>` +
	`<rect x="138" y="232" width="124" height="14" rx="6" fill="${c.dark}"/>`;

const filter = (dx: number, dy: number, fill: string, edge: string) =>
	`<g transform="translate(${dx} ${dy})">` +
	`<path d="M128 96h144l-34 120h-76z" fill="${fill}"/>` +
	line('M272 96l-34 120', edge, 6, ' stroke-dasharray="5 6"') +
	`</g>`;

/** Cone paper filters standing in their box. */
const filters: Draw = (c) =>
	shadow(200, 312, 110, 10) +
	filter(-30, 30, '#E2C99C', '#A98A5B') +
	filter(0, 14, '#F0E0C2', '#B89B6E') +
	filter(30, 30, '#E2C99C', '#A98A5B') +
	`<rect x="96" y="196" width="208" height="114" rx="8" fill="${c.main}"/>` +
	`<rect x="150" y="232" width="100" height="44" rx="6" fill="${c.lite}"/>` +
	`<path d="M180 244h40l-8 22h-24z" fill="${c.dark}"/>`;

const carafe: Draw = (c) =>
	shadow(200, 314, 86, 10) +
	`<path d="M162 116h76v38c30 20 46 48 46 86v48a22 22 0 0 1-22 22H138a22 22 0 0 1-22-22v-48c0-38 16-66 46-86z" fill="${c.lite}" opacity=".9"/>` +
	`<path d="M118 214h164v74a20 20 0 0 1-20 20H138a20 20 0 0 1-20-20z" fill="${c.ink}"/>` +
	`<rect x="150" y="98" width="100" height="24" rx="7" fill="${c.main}"/>` +
	`<rect x="116" y="200" width="168" height="12" fill="${c.accent}"/>` +
	`<rect x="132" y="226" width="9" height="60" rx="4" fill="#FFF" opacity=".35"/>`;

const teapot: Draw = (c) =>
	shadow(200, 316, 112, 12) +
	line('M142 178c0-72 116-72 116 0', c.ink, 10) +
	`<path d="M124 232c-42-2-54-52-72-64l14-8c20 14 32 40 62 42z" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="242" rx="92" ry="70" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="178" rx="48" ry="12" fill="${c.dark}"/>` +
	`<circle cx="200" cy="164" r="10" fill="${c.ink}"/>` +
	[158, 200, 242].map((x) => `<circle cx="${x}" cy="226" r="6" fill="${c.dark}"/><circle cx="${x}" cy="258" r="6" fill="${c.dark}"/>`).join('');

const infuser: Draw = (c) =>
	shadow(200, 314, 76, 9) +
	line('M200 92c0-26 42-26 42 0v10', c.ink, 6) +
	line('M200 94v66', c.ink, 4, ' stroke-dasharray="8 5"') +
	`<circle cx="200" cy="232" r="74" fill="${STEEL}"/>` +
	`<path d="M126 232h148" stroke="${c.main}" stroke-width="10"/>` +
	`<circle cx="200" cy="158" r="9" fill="${c.main}"/>` +
	[[166, 196], [200, 190], [234, 196], [166, 268], [200, 274], [234, 268]]
		.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="6" fill="${c.dark}" opacity=".45"/>`)
		.join('');

const whisk: Draw = (c) =>
	shadow(200, 314, 70, 10) +
	`<path d="M182 196c-42 30-46 82-24 114h84c22-32 18-84-24-114z" fill="#EFE2C2"/>` +
	line('M176 212c-16 30-16 70-4 96M200 206v102M224 212c16 30 16 70 4 96M188 208c-8 30-8 70 0 100M212 208c8 30 8 70 0 100', '#B89B6E', 3) +
	`<rect x="182" y="88" width="36" height="116" rx="14" fill="${c.main}"/>` +
	`<rect x="182" y="128" width="36" height="7" fill="${c.dark}"/>`;

const pitcher: Draw = (c) =>
	shadow(200, 314, 90, 10) +
	line('M272 168c46 4 46 104 2 108', c.dark, 14) +
	`<path d="M134 136l-32-18h176l-12 18z" fill="${c.dark}"/>` +
	`<path d="M134 136h132l12 152a22 22 0 0 1-22 22H144a22 22 0 0 1-22-22z" fill="${STEEL}"/>` +
	`<rect x="126" y="220" width="148" height="16" fill="${c.main}"/>` +
	`<rect x="150" y="152" width="10" height="130" rx="5" fill="#FFF" opacity=".5"/>`;

/** A stand-up bag of coffee beans. */
const coffeeBag: Draw = (c) =>
	shadow(200, 314, 96, 10) +
	`<path d="M124 118h152l14 192H110z" fill="${c.main}"/>` +
	`<rect x="124" y="108" width="152" height="24" fill="${c.dark}"/>` +
	`<circle cx="200" cy="156" r="7" fill="${c.ink}"/>` +
	`<rect x="148" y="182" width="104" height="92" rx="8" fill="${c.lite}"/>` +
	`<ellipse cx="200" cy="228" rx="20" ry="28" fill="${c.ink}" transform="rotate(20 200 228)"/>` +
	line('M195 204c12 16-8 34 4 50', c.lite, 4);

const teaTin: Draw = (c) =>
	shadow(200, 312, 82, 11) +
	`<rect x="136" y="140" width="128" height="170" rx="10" fill="${c.main}"/>` +
	`<rect x="128" y="118" width="144" height="42" rx="10" fill="${c.dark}"/>` +
	`<rect x="136" y="194" width="128" height="74" fill="${c.lite}"/>` +
	`<path d="M200 258c-24-8-26-34 0-48c26 14 24 40 0 48z" fill="${c.green}"/>` +
	line('M200 256v-40', c.lite, 3) +
	`<rect x="148" y="166" width="8" height="128" rx="4" fill="#FFF" opacity=".25"/>`;

const espressoCup = (x: number, c: Colors) =>
	`<path d="M${x - 52} 176h104l-10 104a22 22 0 0 1-22 20h-40a22 22 0 0 1-22-20z" fill="${c.lite}" opacity=".85"/>` +
	`<path d="M${x - 36} 198h72l-8 68a14 14 0 0 1-14 12h-28a14 14 0 0 1-14-12z" fill="${c.ink}"/>` +
	`<ellipse cx="${x}" cy="198" rx="36" ry="7" fill="${c.accent}"/>` +
	`<rect x="${x - 44}" y="186" width="6" height="80" rx="3" fill="#FFF" opacity=".5"/>`;

/** Two small cups. */
const cups: Draw = (c) =>
	shadow(200, 306, 136, 10) +
	line('M130 150c-8-12 8-20 0-32M270 150c-8-12 8-20 0-32', c.main, 6) +
	espressoCup(136, c) +
	espressoCup(264, c);

const mug: Draw = (c) =>
	shadow(200, 308, 110, 14) +
	`<ellipse cx="200" cy="302" rx="104" ry="14" fill="${c.lite}"/>` +
	line('M164 124c-10-14 10-22 0-38M200 118c-10-14 10-22 0-38M236 124c-10-14 10-22 0-38', c.lite, 7) +
	`<path d="M262 184h10a34 34 0 0 1 0 68h-10" fill="none" stroke="${c.dark}" stroke-width="16"/>` +
	`<path d="M136 148h128v118a32 32 0 0 1-32 32h-64a32 32 0 0 1-32-32z" fill="${c.main}"/>` +
	`<rect x="136" y="196" width="128" height="20" fill="${c.accent}"/>` +
	`<rect x="130" y="140" width="140" height="16" rx="8" fill="${c.dark}"/>`;

export const coffee = {
	kettle,
	grinder,
	scale,
	dripper,
	filters,
	carafe,
	teapot,
	infuser,
	whisk,
	pitcher,
	'coffee-bag': coffeeBag,
	'tea-tin': teaTin,
	cups,
	mug
};
