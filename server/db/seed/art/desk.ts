// Stationery and audio.
import { line, shadow, type Colors, type Draw } from './shapes';
import { pouch } from './bags';

const notebook: Draw = (c) =>
	shadow(200, 316, 120, 11) +
	`<g transform="rotate(-7 190 205)">` +
	`<rect x="126" y="102" width="150" height="208" rx="10" fill="${c.lite}"/>` +
	`<rect x="116" y="96" width="150" height="208" rx="10" fill="${c.main}"/>` +
	`<rect x="116" y="96" width="24" height="208" rx="10" fill="${c.dark}"/>` +
	`<rect x="160" y="134" width="78" height="38" rx="5" fill="${c.lite}"/>` +
	`<rect x="240" y="96" width="9" height="208" fill="${c.accent}"/>` +
	`</g>`;

const penShape = (dx: number, angle: number, body: string, c: Colors) =>
	`<g transform="translate(${dx} 0) rotate(${angle} 200 200)">` +
	`<rect x="188" y="70" width="24" height="210" rx="11" fill="${body}"/>` +
	`<path d="M190 274h20l-10 42z" fill="${c.ink}"/>` +
	`<rect x="211" y="84" width="7" height="74" rx="3" fill="${c.accent}"/>` +
	`<rect x="188" y="150" width="24" height="8" fill="${c.ink}" opacity=".5"/></g>`;

const pen: Draw = (c) => shadow(200, 318, 80, 8) + penShape(-34, 14, c.main, c) + penShape(34, 14, c.dark, c);

const pencil = (x: number, fill: string, c: Colors) =>
	`<rect x="${x}" y="100" width="26" height="170" fill="${fill}"/>` +
	`<path d="M${x} 270h26l-13 40z" fill="#E8C9A0"/>` +
	`<path d="M${x + 8} 298h10l-5 12z" fill="${c.ink}"/>` +
	`<rect x="${x}" y="92" width="26" height="14" fill="${c.lite}"/>`;

const pencils: Draw = (c) =>
	shadow(200, 316, 80, 8) + pencil(146, c.main, c) + pencil(187, c.accent, c) + pencil(228, c.dark, c);

const envelope: Draw = (c) =>
	shadow(200, 296, 124, 10) +
	`<rect x="118" y="96" width="164" height="110" rx="6" fill="${c.main}" transform="rotate(-6 200 150)"/>` +
	`<rect x="88" y="140" width="224" height="148" rx="8" fill="${c.lite}"/>` +
	line('M92 146l108 78 108-78', c.dark, 5) +
	`<circle cx="200" cy="222" r="20" fill="${c.accent}"/>` +
	`<circle cx="200" cy="222" r="9" fill="${c.dark}" opacity=".4"/>`;

const organizer: Draw = (c) =>
	`<rect x="146" y="90" width="14" height="130" rx="6" fill="${c.accent}" transform="rotate(-10 153 155)"/>` +
	`<rect x="176" y="80" width="14" height="130" rx="6" fill="${c.ink}"/>` +
	`<rect x="240" y="120" width="36" height="90" rx="4" fill="${c.lite}"/>` +
	shadow(200, 312, 120, 10) +
	`<rect x="96" y="190" width="208" height="120" rx="10" fill="${c.main}"/>` +
	line('M166 196v108M232 196v108', c.dark, 6);

const roll = (cx: number, cy: number, fill: string, c: Colors) =>
	`<circle cx="${cx}" cy="${cy}" r="56" fill="${fill}"/>` +
	`<circle cx="${cx}" cy="${cy}" r="42" fill="none" stroke="${c.lite}" stroke-width="4" stroke-dasharray="6 8" opacity=".7"/>` +
	`<circle cx="${cx}" cy="${cy}" r="26" fill="${c.bg}"/>`;

const tape: Draw = (c) =>
	shadow(200, 308, 130, 10) + roll(200, 156, c.accent, c) + roll(140, 246, c.main, c) + roll(260, 246, c.dark, c);

const ink: Draw = (c) =>
	shadow(200, 314, 80, 10) +
	`<rect x="176" y="120" width="48" height="52" rx="6" fill="${c.ink}"/>` +
	`<rect x="138" y="164" width="124" height="146" rx="22" fill="${c.main}"/>` +
	`<rect x="160" y="208" width="80" height="64" rx="4" fill="${c.lite}"/>` +
	`<path d="M200 220c12 14 14 26 0 34c-14-8-12-20 0-34z" fill="${c.main}"/>`;

const ruler: Draw = (c) => {
	const ticks = Array.from({ length: 14 }, (_, i) => `M${72 + i * 20} 180v${i % 2 ? 14 : 24}`).join('');
	return (
		shadow(200, 300, 150, 8) +
		`<g transform="rotate(-18 200 210)">` +
		`<rect x="52" y="180" width="296" height="58" rx="6" fill="${c.main}"/>` +
		line(ticks, c.ink, 3) +
		`</g>`
	);
};

const headphones: Draw = (c) =>
	shadow(200, 318, 112, 10) +
	`<path d="M118 248v-44a82 82 0 0 1 164 0v44" fill="none" stroke="${c.dark}" stroke-width="16" stroke-linecap="round"/>` +
	`<rect x="136" y="230" width="22" height="72" rx="9" fill="${c.accent}"/>` +
	`<rect x="242" y="230" width="22" height="72" rx="9" fill="${c.accent}"/>` +
	`<rect x="94" y="216" width="54" height="100" rx="24" fill="${c.main}"/>` +
	`<rect x="252" y="216" width="54" height="100" rx="24" fill="${c.main}"/>` +
	`<circle cx="121" cy="266" r="10" fill="${c.lite}"/>` +
	`<circle cx="279" cy="266" r="10" fill="${c.lite}"/>`;

const headphoneStand: Draw = (c) =>
	shadow(200, 320, 90, 9) +
	`<rect x="190" y="120" width="20" height="190" fill="${c.ink}"/>` +
	`<ellipse cx="200" cy="310" rx="76" ry="14" fill="${c.ink}"/>` +
	`<rect x="150" y="112" width="100" height="18" rx="9" fill="${c.ink}"/>` +
	`<path d="M128 210v-40a72 72 0 0 1 144 0v40" fill="none" stroke="${c.dark}" stroke-width="14" stroke-linecap="round"/>` +
	`<rect x="104" y="190" width="48" height="88" rx="22" fill="${c.main}"/>` +
	`<rect x="248" y="190" width="48" height="88" rx="22" fill="${c.main}"/>`;

const bud = (x: number, c: Colors) =>
	`<rect x="${x - 9}" y="130" width="18" height="66" rx="9" fill="${c.main}"/>` +
	`<circle cx="${x}" cy="128" r="26" fill="${c.main}"/>` +
	`<circle cx="${x}" cy="126" r="11" fill="${c.dark}"/>`;

const earbuds: Draw = (c) =>
	shadow(200, 310, 100, 10) +
	bud(150, c) +
	bud(250, c) +
	`<rect x="116" y="202" width="168" height="104" rx="48" fill="${c.lite}"/>` +
	line('M118 240h164', c.dark, 4) +
	`<circle cx="200" cy="272" r="5" fill="${c.accent}"/>`;

const turntable: Draw = (c) =>
	shadow(200, 316, 140, 10) +
	`<rect x="70" y="112" width="260" height="200" rx="16" fill="${c.main}"/>` +
	`<circle cx="178" cy="212" r="82" fill="${c.ink}"/>` +
	`<circle cx="178" cy="212" r="58" fill="none" stroke="${c.dark}" stroke-width="3"/>` +
	`<circle cx="178" cy="212" r="24" fill="${c.accent}"/>` +
	`<circle cx="178" cy="212" r="4" fill="${c.lite}"/>` +
	line('M298 132v96l-52 34', c.lite, 8) +
	`<circle cx="298" cy="132" r="12" fill="${c.dark}"/>`;

const record: Draw = (c) =>
	shadow(200, 312, 130, 9) +
	`<circle cx="236" cy="200" r="100" fill="${c.ink}"/>` +
	`<circle cx="236" cy="200" r="76" fill="none" stroke="${c.dark}" stroke-width="3"/>` +
	`<circle cx="236" cy="200" r="56" fill="none" stroke="${c.dark}" stroke-width="3"/>` +
	`<circle cx="236" cy="200" r="30" fill="${c.accent}"/>` +
	`<rect x="70" y="100" width="200" height="200" rx="6" fill="${c.main}"/>` +
	`<circle cx="170" cy="200" r="52" fill="${c.lite}" opacity=".5"/>`;

const cable: Draw = (c) =>
	shadow(200, 290, 130, 9) +
	`<ellipse cx="190" cy="210" rx="96" ry="62" fill="none" stroke="${c.main}" stroke-width="12"/>` +
	`<ellipse cx="190" cy="210" rx="72" ry="46" fill="none" stroke="${c.dark}" stroke-width="12"/>` +
	`<ellipse cx="190" cy="210" rx="48" ry="30" fill="none" stroke="${c.main}" stroke-width="12"/>` +
	line('M282 226h40', c.main, 12) +
	`<rect x="316" y="214" width="36" height="24" rx="5" fill="${c.ink}"/>` +
	`<rect x="350" y="221" width="26" height="10" fill="${c.accent}"/>`;

const radio: Draw = (c) =>
	line('M280 152l42-104', c.ink, 6) +
	shadow(200, 310, 120, 10) +
	`<rect x="88" y="148" width="224" height="156" rx="20" fill="${c.main}"/>` +
	`<circle cx="152" cy="226" r="46" fill="${c.dark}"/>` +
	`<path d="M136 210h.1M168 210h.1M136 242h.1M168 242h.1M152 226h.1" stroke="${c.ink}" stroke-width="12" stroke-linecap="round"/>` +
	`<rect x="214" y="180" width="78" height="38" rx="6" fill="${c.lite}"/>` +
	`<rect x="244" y="184" width="4" height="30" fill="${c.accent}"/>` +
	`<circle cx="252" cy="262" r="18" fill="${c.ink}"/>`;

const amplifier: Draw = (c) =>
	shadow(200, 300, 140, 10) +
	`<rect x="76" y="168" width="248" height="120" rx="14" fill="${c.main}"/>` +
	`<circle cx="250" cy="228" r="32" fill="${c.ink}"/>` +
	line('M250 228l14-20', c.lite, 5) +
	`<circle cx="130" cy="228" r="14" fill="${c.ink}"/>` +
	`<circle cx="180" cy="228" r="9" fill="${c.dark}"/>` +
	`<circle cx="102" cy="196" r="5" fill="${c.accent}"/>`;

const speaker: Draw = (c) =>
	shadow(200, 316, 100, 10) +
	`<rect x="120" y="96" width="160" height="216" rx="18" fill="${c.main}"/>` +
	`<circle cx="200" cy="150" r="22" fill="${c.ink}"/>` +
	`<circle cx="200" cy="240" r="50" fill="${c.ink}"/>` +
	`<circle cx="200" cy="240" r="20" fill="${c.dark}"/>` +
	`<circle cx="200" cy="240" r="36" fill="none" stroke="${c.dark}" stroke-width="3"/>`;

export const stationery = { notebook, pen, pencils, envelope, organizer, tape, ink, ruler };
export const audio = {
	'headphone-stand': headphoneStand,
	headphones,
	earbuds,
	turntable,
	record,
	cable,
	radio,
	amplifier,
	speaker,
	pouch
};
