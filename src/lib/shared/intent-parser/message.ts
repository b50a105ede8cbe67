import type { AddTarget } from './intents';
import { quantityAt, type Quantity } from './numbers';
import type { Token } from './words';

const set = (list: string) => new Set(list.split(' '));

/** Words that never name a product, wherever they stand. */
const fillers = set(
	'the a an some any please me my mine i im id ill ive you your do does did is are was were be been it its ' +
		'this these those that there theres have has had got get can could would will want wanna need like still ' +
		'currently just now what whats how much many when which where wheres why ok okay so also too yet really ' +
		'tell know let lets show see view give take grab find looking look we our us x more another good morning afternoon evening'
);

/** Small words that may sit inside a product name but never at its start or end. */
const edges = set('of for to in into on onto at with and or from by about out back be again');

/** Keywords that only ever ask for something; the rest (cart, statuses, dates) are taken when they play their part. */
export const cues = set('order orders parcel stock available price checkout check cancel add save buy place track status help hello thanks');
/** Once a product is being added or bought, "stock pot" or "gift package" are product words again. */
export const requestCues = set('order orders add save buy checkout cancel track status help hello thanks');

const prepositions = set('to in into onto on inside from');
const towards = set('to into onto');
const comparisons = set('over under above below than about around');
const possessives = set('my your our');

/** A message being read: its tokens and which of them a rule has already explained. */
export class Message {
	readonly used: boolean[];

	constructor(readonly tokens: readonly Token[]) {
		this.used = tokens.map(() => false);
	}

	get words(): string[] {
		return this.tokens.map((t) => t.w);
	}

	/** Whether the words from `i` on match `pattern`, each part a word or a keyword. */
	at(i: number, ...pattern: string[]): boolean {
		return pattern.every((p, j) => this.tokens[i + j]?.w === p || this.tokens[i + j]?.k === p);
	}

	/** The first position where `pattern` matches words not yet explained, or -1. */
	find(...pattern: string[]): number {
		for (let i = 0; i < this.tokens.length; i++) {
			if (this.at(i, ...pattern) && !this.used.slice(i, i + pattern.length).some(Boolean)) return i;
		}
		return -1;
	}

	/** Finds `pattern`, marks it explained and says whether it was there. */
	take(...pattern: string[]): boolean {
		const i = this.find(...pattern);
		if (i >= 0) this.use(i, pattern.length);
		return i >= 0;
	}

	/** Marks every unexplained occurrence of `pattern` as explained and says whether there was one. */
	takeAll(...pattern: string[]): boolean {
		let found = false;
		for (let i = 0; i < this.tokens.length; i++) {
			if (this.at(i, ...pattern) && !this.used.slice(i, i + pattern.length).some(Boolean)) {
				this.use(i, pattern.length);
				found = true;
			}
		}
		return found;
	}

	use(i: number, length = 1): void {
		for (let j = i; j < i + length && j < this.used.length; j++) this.used[j] = true;
	}

	/** Whether every word before `i` is one of `lead` (so the word at `i` opens the request). */
	leads(i: number, lead: Set<string>): boolean {
		for (let j = 0; j < i; j++) {
			const t = this.tokens[j]!;
			if (!lead.has(t.w) && t.k !== 'hello' && t.k !== 'thanks') return false;
		}
		return true;
	}

	/**
	 * Marks "to my basket", "in the cart", "my wishlist" as explained and says where they point.
	 * A bare "bag" or "basket" stays: it may be part of a product ("tote bag"). `sent` is
	 * true when something is sent there ("to", "into"), not merely looked at ("in", "my").
	 */
	takeTarget(): { target?: AddTarget; sent: boolean } {
		let target: AddTarget | undefined;
		let sent = false;
		this.tokens.forEach((t, i) => {
			if (t.k !== 'cart' && t.k !== 'fav') return;
			let j = i;
			while (j > 0 && (possessives.has(this.tokens[j - 1]!.w) || this.tokens[j - 1]!.w === 'the')) j--;
			const hasPreposition = j > 0 && prepositions.has(this.tokens[j - 1]!.w);
			const owned = this.tokens.slice(j, i).some((s) => possessives.has(s.w));
			if (!hasPreposition && !owned) return;
			sent ||= hasPreposition && towards.has(this.tokens[j - 1]!.w);
			this.use(hasPreposition ? j - 1 : j, i - j + 1 + (hasPreposition ? 1 : 0));
			target = t.k === 'cart' ? 'cart' : (target ?? 'favorites');
		});
		return { target, sent };
	}

	/** The first count among the words not yet explained, marked as explained. */
	takeQuantity(): Quantity | undefined {
		const words = this.words;
		for (let i = 0; i < words.length; i++) {
			if (this.used[i]) continue;
			const q = quantityAt(words, i);
			if (q) {
				this.use(i, q.length);
				return q;
			}
		}
		return undefined;
	}

	/** The first order number (a whole number of up to nine digits, not "over 100") not yet explained. */
	takeNumber(): number | undefined {
		const i = this.tokens.findIndex((t, j) => !this.used[j] && /^\d{1,9}$/.test(t.w) && !comparisons.has(this.tokens[j - 1]?.w ?? ''));
		if (i < 0) return undefined;
		this.use(i);
		return Number(this.tokens[i]!.w);
	}

	/** The words left unexplained that could name a product, without fillers or dangling small words. */
	product(also: Set<string> = new Set(), drop: Set<string> = cues): string {
		const left = this.tokens
			.filter((t, i) => !this.used[i] && !fillers.has(t.w) && !also.has(t.w) && !(t.k && drop.has(t.k)))
			.map((t) => t.w);
		while (left.length && edges.has(left[0]!)) left.shift();
		while (left.length && edges.has(left[left.length - 1]!)) left.pop();
		return left.join(' ');
	}
}
