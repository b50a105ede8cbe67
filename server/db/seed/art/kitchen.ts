import { line, shadow, STEEL, type Colors, type Draw } from './shapes';

const board: Draw = (c) =>
	shadow(200, 300, 150, 12) +
	`<g transform="rotate(-10 200 230)">` +
	`<rect x="60" y="180" width="240" height="100" rx="24" fill="${c.main}"/>` +
	`<rect x="290" y="210" width="70" height="40" rx="20" fill="${c.main}"/>` +
	`<circle cx="340" cy="230" r="8" fill="${c.bg}"/>` +
	line('M84 214c60-12 120 10 190-2M84 248c70 10 130-8 190 2', c.dark, 4, ' opacity=".5"') +
	`</g>`;

const pan: Draw = (c) =>
	`<circle cx="186" cy="220" r="92" fill="#000" opacity=".08"/>` +
	`<rect x="240" y="198" width="134" height="22" rx="11" fill="${c.ink}" transform="rotate(-18 250 209)"/>` +
	`<circle cx="176" cy="210" r="92" fill="${c.main}"/>` +
	`<circle cx="176" cy="210" r="74" fill="${c.dark}"/>` +
	`<path d="M150 180c24-22 66-10 66 22s-30 48-62 38-34-42-4-60z" fill="#FBF8F2"/>` +
	`<circle cx="178" cy="208" r="17" fill="#F2B632"/>`;

const plate: Draw = (c) =>
	`<circle cx="208" cy="212" r="104" fill="#000" opacity=".08"/>` +
	`<circle cx="200" cy="204" r="104" fill="#FBF8F2"/>` +
	`<circle cx="200" cy="204" r="82" fill="none" stroke="${c.main}" stroke-width="10"/>` +
	`<circle cx="200" cy="204" r="62" fill="${c.lite}"/>` +
	`<path d="M56 104v40M64 104v40M72 104v40" stroke="${c.ink}" stroke-width="4" stroke-linecap="round"/>` +
	`<rect x="54" y="138" width="20" height="16" rx="6" fill="${c.ink}"/>` +
	`<rect x="58" y="150" width="12" height="154" rx="6" fill="${c.ink}"/>` +
	`<path d="M332 104q20 10 16 96h-16z" fill="${c.ink}"/>` +
	`<rect x="332" y="196" width="14" height="108" rx="7" fill="${c.ink}"/>`;

/** Folded cloth: towels, wraps, throws, runners, scarves. */
export const textile: Draw = (c) =>
	shadow(200, 306, 120, 10) +
	`<rect x="90" y="214" width="220" height="86" rx="10" fill="${c.dark}"/>` +
	`<rect x="90" y="140" width="220" height="110" rx="10" fill="${c.main}"/>` +
	`<path d="M90 160h220M90 176h220" stroke="${c.accent}" stroke-width="7"/>` +
	`<path d="M90 262h220" stroke="${c.accent}" stroke-width="7"/>` +
	`<path d="M90 150c-18 0-18 90 0 90z" fill="${c.dark}"/>`;

const spoon = (dx: number, fill: string, inner: string) =>
	`<g transform="translate(${dx} 0) rotate(12 200 200)">` +
	`<ellipse cx="200" cy="126" rx="34" ry="48" fill="${fill}"/>` +
	`<ellipse cx="200" cy="122" rx="22" ry="34" fill="${inner}" opacity=".5"/>` +
	`<rect x="192" y="160" width="16" height="150" rx="8" fill="${fill}"/></g>`;

/** Spoons, servers, sporks. */
export const utensils: Draw = (c) => shadow(200, 312, 90, 9) + spoon(-40, c.main, c.lite) + spoon(40, c.dark, c.lite);

const bowlShape = (c: Colors) =>
	shadow(200, 310, 116, 11) +
	`<path d="M86 196h228c0 66-48 112-114 112S86 262 86 196z" fill="${c.main}"/>` +
	`<ellipse cx="200" cy="196" rx="114" ry="24" fill="${c.dark}"/>` +
	`<ellipse cx="200" cy="198" rx="98" ry="16" fill="${c.lite}"/>` +
	line('M108 236q92 30 184 0', c.accent, 8);

const bowl: Draw = (c) => bowlShape(c);

const mortar: Draw = (c) =>
	`<rect x="214" y="80" width="34" height="150" rx="17" fill="${c.lite}" transform="rotate(24 230 155)"/>` +
	bowlShape(c);

const pot: Draw = (c) =>
	shadow(200, 310, 124, 11) +
	`<rect x="70" y="204" width="40" height="22" rx="10" fill="${c.dark}"/>` +
	`<rect x="290" y="204" width="40" height="22" rx="10" fill="${c.dark}"/>` +
	`<rect x="96" y="180" width="208" height="126" rx="30" fill="${c.main}"/>` +
	`<path d="M88 186c0-44 224-44 224 0z" fill="${c.dark}"/>` +
	`<rect x="178" y="134" width="44" height="20" rx="8" fill="${c.ink}"/>` +
	`<rect x="96" y="232" width="208" height="10" fill="${c.accent}"/>`;

const tumbler = (x: number, c: Colors) =>
	`<path d="M${x - 46} 140h92l-10 162a10 10 0 0 1-10 10h-52a10 10 0 0 1-10-10z" fill="${c.lite}" opacity=".9"/>` +
	`<path d="M${x - 40} 220h80l-5 82a8 8 0 0 1-8 8h-54a8 8 0 0 1-8-8z" fill="${c.main}" opacity=".45"/>` +
	line(`M${x - 28} 152l5 150M${x - 9} 152l2 152M${x + 9} 152l-2 152M${x + 28} 152l-5 150`, c.dark, 4, ' opacity=".35"');

const glass: Draw = (c) => shadow(200, 314, 130, 10) + tumbler(140, c) + tumbler(262, c);

const knife: Draw = (c) =>
	shadow(200, 300, 140, 9) +
	`<g transform="rotate(-24 200 220)">` +
	`<path d="M50 196h210v46H110C74 242 56 224 50 196z" fill="${STEEL}"/>` +
	`<path d="M50 196h210v8H52z" fill="#FFF" opacity=".6"/>` +
	`<rect x="254" y="190" width="110" height="52" rx="16" fill="${c.main}"/>` +
	`<circle cx="290" cy="216" r="6" fill="${c.lite}"/><circle cx="330" cy="216" r="6" fill="${c.lite}"/>` +
	`</g>`;

const mill: Draw = (c) =>
	shadow(200, 312, 64, 9) +
	`<circle cx="200" cy="88" r="13" fill="${c.ink}"/>` +
	`<path d="M168 100h64l-6 42c22 22 24 62 8 92l10 74H156l10-74c-16-30-14-70 8-92z" fill="${c.main}"/>` +
	`<rect x="160" y="226" width="80" height="12" fill="${c.dark}"/>` +
	`<rect x="176" y="150" width="9" height="70" rx="4" fill="#FFF" opacity=".3"/>`;

export const kitchen = { board, pan, plate, textile, utensils, mortar, bowl, pot, glass, knife, mill };
