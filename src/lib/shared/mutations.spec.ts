import { describe, expect, it } from 'vitest';
import { mergeCarts, MutationRefused, runMutation, type MutationStore, type OrderRequestArgs } from './mutations';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
// Product S sells in two sizes: variants S1 and S2.
const S = '00000000-0000-4000-8000-000000000005';
const S1 = '00000000-0000-4000-8000-000000000051';
const S2 = '00000000-0000-4000-8000-000000000052';

const line = (id: string, quantity: number, productId = id) => ({ productId, variantId: id, quantity });

describe('mergeCarts', () => {
	const stock = (id: string) => ({ [A]: 10, [B]: 3, [C]: 0, [S1]: 2, [S2]: 5 })[id] ?? null;

	it('adds quantities of the same variant and keeps the others', () => {
		expect(mergeCarts([line(A, 2)], [line(A, 3), line(B, 1)], stock)).toEqual([line(A, 5), line(B, 1)]);
	});

	it('caps each line by stock and drops sold-out or unknown products', () => {
		const unknown = '00000000-0000-4000-8000-0000000000ff';
		expect(mergeCarts([line(B, 2)], [line(B, 2), line(C, 1), line(unknown, 1)], stock)).toEqual([line(B, 3)]);
	});

	it('keeps two sizes of one product apart, each capped by its own stock', () => {
		expect(mergeCarts([line(S1, 1, S)], [line(S1, 4, S), line(S2, 4, S)], stock)).toEqual([line(S1, 2, S), line(S2, 4, S)]);
	});

	it('is the account cart when the guest cart is empty, and the guest cart when the account is empty', () => {
		const lines = [line(A, 1)];
		expect(mergeCarts(lines, [], stock)).toEqual(lines);
		expect(mergeCarts([], lines, stock)).toEqual(lines);
	});
});

/** A store of one-variant products (the variant carries the product's id) and product S in two sizes. */
function memoryStore(stock: Record<string, number>, signedIn = true) {
	const cart = new Map<string, number>();
	const favorites = new Set<string>();
	const requests: OrderRequestArgs[] = [];
	const variantsOf = (productId: string) => (productId === S ? [S1, S2] : productId in stock ? [productId] : []);
	const productOf = (variantId: string) => (variantId === S1 || variantId === S2 ? S : variantId);
	const store: MutationStore = {
		signedIn,
		stock: async (id) => stock[id] ?? null,
		variant: async ({ productId, variantId }) => {
			const id = variantId ?? (variantsOf(productId!).length > 1 ? null : variantsOf(productId!)[0]);
			if (id === null) throw new MutationRefused('INVALID', 'This product comes in several options: choose one first.');
			if (!id || !(id in stock)) return null;
			if (productId && productOf(id) !== productId) throw new MutationRefused('INVALID', 'That choice belongs to another product.');
			return { productId: productOf(id), variantId: id, inventory: stock[id]! };
		},
		quantity: async (id) => cart.get(id) ?? 0,
		setQuantity: async ({ variantId }, q) => void cart.set(variantId, q),
		removeLine: async (id) => void cart.delete(id),
		clearCart: async () => cart.clear(),
		setFavorite: async (id, on) => void (on ? favorites.add(id) : favorites.delete(id)),
		requestOrder: async (args) => void requests.push(args)
	};
	return { store, cart, favorites, requests };
}

describe('runMutation', () => {
	it('adds to a line, capped by stock, and says so', async () => {
		const { store, cart } = memoryStore({ [A]: 4 });
		expect(await runMutation(store, 'cart.add', { productId: A, quantity: 3 })).toBeUndefined();
		expect(await runMutation(store, 'cart.add', { productId: A, quantity: 3 })).toMatchObject({ code: 'OUT_OF_STOCK' });
		expect(cart.get(A)).toBe(4);
	});

	it('sets, removes and clears lines', async () => {
		const { store, cart } = memoryStore({ [A]: 50, [B]: 50 });
		await runMutation(store, 'cart.setQuantity', { productId: A, quantity: 7 });
		await runMutation(store, 'cart.setQuantity', { productId: B, quantity: 2 });
		await runMutation(store, 'cart.setQuantity', { productId: A, quantity: 0 });
		expect([...cart]).toEqual([[B, 2]]);
		await runMutation(store, 'cart.remove', { productId: A });
		await runMutation(store, 'cart.clear', {});
		expect(cart.size).toBe(0);
	});

	it('refuses what can never apply', async () => {
		const { store } = memoryStore({ [C]: 0 }, false);
		const refusal = (name: string, args: unknown) => runMutation(store, name, args).then(() => null, (e: MutationRefused) => e.code);
		expect(await refusal('cart.add', { productId: C, quantity: 1 })).toBe('OUT_OF_STOCK');
		expect(await refusal('cart.add', { productId: A, quantity: 1 })).toBe('NOT_FOUND');
		expect(await refusal('cart.add', { productId: A, quantity: 100 })).toBe('INVALID');
		expect(await refusal('cart.add', { productId: A, quantity: 1, price: 1 })).toBe('INVALID');
		expect(await refusal('favorites.add', { productId: C })).toBe('FORBIDDEN');
		expect(await refusal('order.fly', {})).toBe('INVALID');
		expect(await refusal('cart.add', { quantity: 1 })).toBe('INVALID');
	});

	it('puts each size of a product on its own line, and asks which when only the product is named', async () => {
		const { store, cart } = memoryStore({ [S1]: 3, [S2]: 0, [A]: 5 });
		const refusal = (name: string, args: unknown) => runMutation(store, name, args).then(() => null, (e: MutationRefused) => e);
		await runMutation(store, 'cart.add', { productId: S, variantId: S1, quantity: 2 });
		expect(await refusal('cart.add', { productId: S, quantity: 1 })).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/choose one/) });
		expect(await refusal('cart.add', { productId: S, variantId: S2, quantity: 1 })).toMatchObject({ code: 'OUT_OF_STOCK' });
		expect(await refusal('cart.add', { productId: A, variantId: S1, quantity: 1 })).toMatchObject({ code: 'INVALID' });
		await runMutation(store, 'cart.add', { variantId: S1, quantity: 5 });
		expect([...cart]).toEqual([[S1, 3]]);
		await runMutation(store, 'cart.remove', { productId: S, variantId: S1 });
		expect(cart.size).toBe(0);
	});

	it('hands a well-formed order request to the store, for signed-in shoppers only, and refuses a malformed one', async () => {
		const request = {
			cartId: '00000000-0000-4000-8000-000000000001',
			lines: [{ productId: A, quantity: 2 }],
			addressId: '00000000-0000-4000-8000-000000000002',
			shippingMethodId: '00000000-0000-4000-8000-000000000003',
			expectedTotal: 2495
		};
		const { store, requests } = memoryStore({ [A]: 4 });
		await runMutation(store, 'order.request', request);
		expect(requests).toEqual([request]);
		const refusal = (args: unknown, signedIn = true) =>
			runMutation(memoryStore({ [A]: 4 }, signedIn).store, 'order.request', args).then(() => null, (e: MutationRefused) => e.code);
		expect(await refusal(request, false)).toBe('FORBIDDEN');
		expect(await refusal({ ...request, addressId: undefined })).toBe('INVALID');
		expect(await refusal({ ...request, lines: [] })).toBe('INVALID');
		expect(await refusal({ ...request, expectedTotal: -1 })).toBe('INVALID');
		expect(await refusal({ ...request, lines: [{ productId: A, quantity: 2, priceMinor: 1 }] })).toBe('INVALID');
		expect(await runMutation(store, 'noop', {})).toBeUndefined();
	});
});
