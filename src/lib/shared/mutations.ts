import { describeIssues, z } from './zod';
import { addressFields } from './addresses';
import { MAX_LINE_QUANTITY } from './cart';

const productId = z.uuid();

/** The args of every mutation a device may queue; both sides validate with these. */
export const mutationArgs = {
	'cart.add': z.strictObject({ productId, quantity: z.int().min(1).max(MAX_LINE_QUANTITY) }),
	'cart.setQuantity': z.strictObject({ productId, quantity: z.int().min(0).max(MAX_LINE_QUANTITY) }),
	'cart.remove': z.strictObject({ productId }),
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
			lines: z.array(z.strictObject({ productId, quantity: z.int().min(1).max(MAX_LINE_QUANTITY) })).min(1).max(200),
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
	/** Units in stock, or null when the product is unknown or archived. */
	stock(productId: string): Promise<number | null>;
	quantity(productId: string): Promise<number>;
	/** Sets a cart line; 0 removes it. */
	setQuantity(productId: string, quantity: number): Promise<void>;
	clearCart(): Promise<void>;
	setFavorite(productId: string, favorite: boolean): Promise<void>;
	/** Places a requested order: the server's checkout; the device only queues it. */
	requestOrder(args: OrderRequestArgs): Promise<MutationNote | undefined>;
}

/** An outcome worth telling the shopper even though the mutation applied (a capped line, the order placed). */
export type MutationNote = { code?: RefusalCode; message?: string; details?: Record<string, unknown> };

async function setCapped(store: MutationStore, id: string, wanted: number): Promise<MutationNote | undefined> {
	const stock = await store.stock(id);
	if (stock === null) throw new MutationRefused('NOT_FOUND', 'This product is no longer sold.');
	if (wanted > 0 && stock <= 0) {
		await store.setQuantity(id, 0);
		throw new MutationRefused('OUT_OF_STOCK', 'This product is sold out.');
	}
	const quantity = Math.min(wanted, stock, MAX_LINE_QUANTITY);
	await store.setQuantity(id, quantity);
	if (quantity < wanted) return { code: 'OUT_OF_STOCK', message: `Only ${quantity} available; your cart holds ${quantity}.` };
}

/** One mutation's work against a store, given args its schema has already parsed. */
type Mutator<N extends MutationName> = (store: MutationStore, args: MutationArgs<N>) => Promise<MutationNote | void>;

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
	'cart.add': async (store, a) => setCapped(store, a.productId, (await store.quantity(a.productId)) + a.quantity),
	'cart.setQuantity': async (store, a) => {
		if (a.quantity > 0) return setCapped(store, a.productId, a.quantity);
		await store.setQuantity(a.productId, 0);
	},
	'cart.remove': async (store, a) => {
		await store.setQuantity(a.productId, 0);
	},
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

/**
 * The guest cart meets the account's cart at login: quantities of the same product are
 * added, each line capped by stock and the line maximum; unknown or archived products drop.
 */
export function mergeCarts(
	account: { productId: string; quantity: number }[],
	guest: { productId: string; quantity: number }[],
	stock: (productId: string) => number | null
): { productId: string; quantity: number }[] {
	const merged = new Map<string, number>();
	for (const line of [...account, ...guest]) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
	const out: { productId: string; quantity: number }[] = [];
	for (const [productId, quantity] of merged) {
		const available = stock(productId);
		const capped = Math.min(quantity, available ?? 0, MAX_LINE_QUANTITY);
		if (capped > 0) out.push({ productId, quantity: capped });
	}
	return out;
}
