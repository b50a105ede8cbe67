// What every drawing shares: its colours and a soft shadow. Drawings fill a 400 x 400 box,
// the object within about 80..320, standing on a shadow near y = 310.

export type Colors = {
	main: string;
	dark: string;
	ink: string;
	lite: string;
	accent: string;
	green: string;
	green2: string;
	bg: string;
};

export type Draw = (c: Colors) => string;

export const STEEL = '#D5DBE0';
export const GLOW = '#FFF3C4';
export const SOIL = '#5B4636';

export const shadow = (cx: number, cy: number, rx: number, ry: number) =>
	`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" opacity=".08"/>`;

/** A stroke with round ends and no fill. */
export const line = (d: string, stroke: string, width: number, extra = '') =>
	`<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linecap="round"${extra}/>`;

/** A leaf pointing up from (x, y), turned by `angle` degrees. */
export const leaf = (x: number, y: number, angle: number, scale: number, fill: string) =>
	`<path d="M0 0C-26-30-22-74 0-104C22-74 26-30 0 0z" fill="${fill}" transform="translate(${x} ${y}) rotate(${angle}) scale(${scale})"/>`;
