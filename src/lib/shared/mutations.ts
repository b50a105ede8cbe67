import { describeIssues, z } from './zod';
import { addressFields } from './addresses';
import { MAX_LINE_QUANTITY } from './cart';

const productId = z.uuid();

/**
 * A cart line names a variant; a product's id alone names its only variant (and is refused,
 * with a reason, for a product of several). A device names both, so it can show the line.
 */
const lineRef = { productId: productId.optional(), variantId: z.uuid().optional() };
const namesOne = (r: VariantRef) => r.productId !== undefined || r.variantId !== undefined;
const nameOne = { message: 'Name the product or its variant.', path: ['variantId'] };

/** The args of every mutation a device may queue; both sides validate with these. */
export const mutationArgs = {
	'cart.add': z.strictObject({ ...lineRef, quantity: z.int().min(1).max(MAX_LINE_QUANTITY) }).refine(namesOne, nameOne),
	'cart.setQuantity': z.strictObject({ ...lineRef, quantity: z.int().min(0).max(MAX_LINE_QUANTITY) }).refine(namesOne, nameOne),
	'cart.remove': z.strictObject(lineRef).refine(namesOne, nameOne),
	'cart.clear': z.strictObject({}),
	'favorites.add': z.strictObject({ productId }),
	'favorites.remove': z.strictObject({ productId }),
	/**
	 * An order asked for with no network: placed by the checkout service when it reaches the
	 * server, for exactly these lines, and only at a total no higher than the shopper saw.
	 */
	'order.request': z
		.strictObject({
			cartId: z.uuid(),
			lines: z
				.array(z.strictObject({ productId, variantId: z.uuid().optional(), quantity: z.int().min(1).max(MAX_LINE_QUANTITY) }))
				.min(1)
				.max(200),
			address: addressFields.optional(),
			addressId: z.uuid().optional(),
			/** Keep the typed address in the book, as online checkout does: once, when the order is placed. */
			saveAddress: z.boolean().optional(),
			shippingMethodId: z.uuid(),
			/** In minor units of the cart's currency. */
			expectedTotal: z.int().min(0).max(10_000_000_000)
		})
		.refine((r) => (r.address === undefined) !== (r.addressId === undefined), {
			message: 'Give either an address or the id of a saved one.',
			path: ['address']
		}),
	/** A queued change the shopper took back before it was sent; it keeps the numbering whole. */
	noop: z.strictObject({})
} as const;

export type MutationName = keyof typeof mutationArgs;
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];

export function isMutationName(name: string): name is MutationName {
	return Object.hasOwn(mutationArgs, name);
}

/** Why a mutation cannot apply; it will never succeed, so it is dropped (and said). */
export type RefusalCode = 'NOT_FOUND' | 'OUT_OF_STOCK' | 'INVALID' | 'FORBIDDEN' | 'CONFLICT' | 'NEEDS_CONFIRMATION' | 'UNAVAILABLE';

export type OrderRequestArgs = z.output<(typeof mutationArgs)['order.request']>;

export class MutationRefused extends Error {
	constructor(
		readonly code: RefusalCode,
		message: string,
		/** What the shopper needs to act on it: the short lines, the new total. */
		readonly details?: Record<string, unknown>
	) {
		super(message);
		this.name = 'MutationRefused';
	}
}

/**
 * What a mutator reads and writes: the device's Dexie tables or the server's rows. The
 * server's answers are the authority (stock, product existence); the device's are its
 * best knowledge, so the screen changes at once and the server corrects it later.
 */
export interface MutationStore {
	readonly signedIn: boolean;
	/** Units in stock of a live product, or null when it is unknown or archived. */
	stock(productId: string): Promise<number | null>;
	/** The live variant a line names, or null (see `resolveVariant`); throws MutationRefused when it cannot say which. */
	variant(ref: VariantRef): Promise<VariantStock | null>;
	quantity(variantId: string): Promise<number>;
	/** Puts a cart line at `quantity` (1 or more). */
	setQuantity(line: { productId: string; variantId: string }, quantity: number): Promise<void>;
	/** Takes a cart line out (absent is fine). */
	removeLine(variantId: string): Promise<void>;
	clearCart(): Promise<void>;
	setFavorite(productId: string, favorite: boolean): Promise<void>;
	/** Places a requested order: the server's checkout; the device only queues it. */
	requestOrder(args: OrderRequestArgs): Promise<MutationNote | undefined>;
}

export type VariantRef = { productId?: string; variantId?: string };
export type VariantStock = { productId: string; variantId: string; inventory: number };

/** An outcome worth telling the shopper even though the mutation applied (a capped line, the order placed). */
export type MutationNote = { code?: RefusalCode; message?: string; details?: Record<string, unknown> };

async function liveVariant(store: MutationStore, ref: VariantRef): Promise<VariantStock> {
	const variant = await store.variant(ref);
	if (!variant) {
		const oneOfSeveral = ref.variantId !== undefined && ref.variantId !== ref.productId;
		throw new MutationRefused('NOT_FOUND', oneOfSeveral ? 'This choice of the product is no longer sold.' : 'This product is no longer sold.');
	}
	return variant;
}

async function setCapped(store: MutationStore, variant: VariantStock, wanted: number): Promise<MutationNote | undefined> {
	if (wanted > 0 && variant.inventory <= 0) {
		await store.removeLine(variant.variantId);
		throw new MutationRefused('OUT_OF_STOCK', 'This product is sold out.');
	}
	const quantity = Math.min(wanted, variant.inventory, MAX_LINE_QUANTITY);
	if (quantity > 0) await store.setQuantity(variant, quantity);
	else await store.removeLine(variant.variantId);
	if (quantity < wanted) return { code: 'OUT_OF_STOCK', message: `Only ${quantity} available; your cart holds ${quantity}.` };
}

/** One mutation's work against a store, given args its schema has already parsed. */
type Mutator<N extends MutationName> = (store: MutationStore, args: MutationArgs<N>) => Promise<MutationNote | void>;

/** Takes a line out; a line of a variant no longer sold goes too (absent is fine). */
async function removeLine(store: MutationStore, ref: VariantRef): Promise<void> {
	const variantId = ref.variantId ?? (await store.variant(ref))?.variantId;
	if (variantId) await store.removeLine(variantId);
}

async function setFavorite(store: MutationStore, productId: string, favorite: boolean): Promise<void> {
	if (!store.signedIn) throw new MutationRefused('FORBIDDEN', 'Sign in to keep favorites.');
	if (favorite && (await store.stock(productId)) === null) throw new MutationRefused('NOT_FOUND', 'This product is no longer sold.');
	await store.setFavorite(productId, favorite);
}

/**
 * Every mutation by name: a new one is one entry here and one schema in `mutationArgs`,
 * and the compiler checks its args against that schema on both sides.
 */
const mutators: { [N in MutationName]: Mutator<N> } = {
	'cart.add': async (store, a) => {
		const variant = await liveVariant(store, a);
		return setCapped(store, variant, (await store.quantity(variant.variantId)) + a.quantity);
	},
	'cart.setQuantity': async (store, a) => {
		if (a.quantity > 0) return setCapped(store, await liveVariant(store, a), a.quantity);
		return removeLine(store, a);
	},
	'cart.remove': (store, a) => removeLine(store, a),
	'cart.clear': async (store) => {
		await store.clearCart();
	},
	'favorites.add': (store, a) => setFavorite(store, a.productId, true),
	'favorites.remove': (store, a) => setFavorite(store, a.productId, false),
	'order.request': async (store, a) => {
		if (!store.signedIn) throw new MutationRefused('FORBIDDEN', 'Sign in to order.');
		return store.requestOrder(a);
	},
	noop: async () => {}
};

async function apply<N extends MutationName>(store: MutationStore, name: N, args: unknown): Promise<MutationNote | undefined> {
	const parsed = mutationArgs[name].safeParse(args);
	if (!parsed.success) throw new MutationRefused('INVALID', describeIssues(parsed.error));
	// TypeScript loses the link between N and the schema picked by it: the parse above made it so.
	return (await mutators[name](store, parsed.data as MutationArgs<N>)) ?? undefined;
}

/**
 * Runs one mutation against a store: the same code optimistically on the device and
 * authoritatively on the server. Throws MutationRefused when it can never apply.
 */
export async function runMutation(store: MutationStore, name: string, args: unknown): Promise<MutationNote | undefined> {
	if (!isMutationName(name)) throw new MutationRefused('INVALID', `Unknown mutation ${name}`);
	return apply(store, name, args);
}

type Line = { productId: string; variantId: string; quantity: number };

/**
 * The guest cart meets the account's cart at login: quantities of the same variant are
 * added, each line capped by that variant's stock and the line maximum; lines of variants
 * (or products) no longer sold drop.
 */
export function mergeCarts(account: Line[], guest: Line[], stock: (variantId: string) => number | null): Line[] {
	const merged = new Map<string, Line>();
	for (const line of [...account, ...guest]) {
		const seen = merged.get(line.variantId);
		merged.set(line.variantId, { ...line, quantity: (seen?.quantity ?? 0) + line.quantity });
	}
	const out: Line[] = [];
	for (const line of merged.values()) {
		const capped = Math.min(line.quantity, stock(line.variantId) ?? 0, MAX_LINE_QUANTITY);
		if (capped > 0) out.push({ ...line, quantity: capped });
	}
	return out;
}
