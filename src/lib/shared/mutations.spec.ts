import { describe, expect, it } from 'vitest';
import { mergeCarts, MutationRefused, runMutation, type MutationStore, type OrderRequestArgs } from './mutations';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('mergeCarts', () => {
	// Product P sells two variants (P itself, and V); product A sells one.
	const P = '00000000-0000-4000-8000-0000000000a1';
	const V = '00000000-0000-4000-8000-0000000000a2';
	const stock = (id: string) => ({ [A]: 10, [B]: 3, [C]: 0, [P]: 5, [V]: 2 })[id] ?? null;
	const line = (productId: string, quantity: number, variantId = productId) => ({ productId, variantId, quantity });

	it('adds quantities of the same variant and keeps the others, variants of one product apart', () => {
		expect(mergeCarts([line(A, 2), line(P, 1)], [line(A, 3), line(B, 1), line(P, 1, V)], stock)).toEqual([line(A, 5), line(P, 1), line(B, 1), line(P, 1, V)]);
	});

	it('caps each line by the stock of its variant and drops sold-out or unknown variants', () => {
		const unknown = '00000000-0000-4000-8000-0000000000ff';
		expect(mergeCarts([line(B, 2), line(P, 2, V)], [line(B, 2), line(C, 1), line(unknown, 1), line(P, 1, V)], stock)).toEqual([line(B, 3), line(P, 2, V)]);
	});

	it('is the account cart when the guest cart is empty, and the guest cart when the account is empty', () => {
		const lines = [line(A, 1)];
		expect(mergeCarts(lines, [], stock)).toEqual(lines);
		expect(mergeCarts([], lines, stock)).toEqual(lines);
	});
});

/** A store over products as `{ productId: { variantId: stock } }`, naming variants as the server does (`resolveVariant`). */
function memoryStore(products: Record<string, Record<string, number>>, signedIn = true) {
	const cart = new Map<string, { productId: string; quantity: number }>();
	const favorites = new Set<string>();
	const requests: OrderRequestArgs[] = [];
	const store: MutationStore = {
		signedIn,
		stock: async (id) => (products[id] ? Object.values(products[id]).reduce((a, b) => a + b, 0) : null),
		async variant({ productId, variantId }) {
			if (variantId) {
				const owner = Object.keys(products).find((p) => variantId in products[p]!);
				if (owner && productId && owner !== productId) throw new MutationRefused('INVALID', 'That choice belongs to another product.');
				return owner ? { productId: owner, variantId, inventory: products[owner]![variantId]! } : null;
			}
			const variants = Object.entries(products[productId!] ?? {});
			if (variants.length > 1) throw new MutationRefused('INVALID', 'This product comes in several options: choose one first.');
			return variants[0] ? { productId: productId!, variantId: variants[0][0], inventory: variants[0][1] } : null;
		},
		quantity: async (variantId) => cart.get(variantId)?.quantity ?? 0,
		setQuantity: async ({ productId, variantId }, quantity) => void cart.set(variantId, { productId, quantity }),
		removeLine: async (variantId) => void cart.delete(variantId),
		clearCart: async () => cart.clear(),
		setFavorite: async (id, on) => void (on ? favorites.add(id) : favorites.delete(id)),
		requestOrder: async (args) => void requests.push(args)
	};
	const quantities = () => Object.fromEntries([...cart].map(([variantId, line]) => [variantId, line.quantity]));
	return { store, cart, quantities, favorites, requests };
}

describe('runMutation', () => {
	// Product P sells Small (P's own id: its first variant) and Large; A and C sell one each.
	const P = '00000000-0000-4000-8000-0000000000a1';
	const LARGE = '00000000-0000-4000-8000-0000000000a2';

	it('adds to the line of a variant, capped by that variant’s stock, and says so', async () => {
		const { store, quantities } = memoryStore({ [P]: { [P]: 4, [LARGE]: 1 } });
		expect(await runMutation(store, 'cart.add', { productId: P, variantId: P, quantity: 3 })).toBeUndefined();
		expect(await runMutation(store, 'cart.add', { productId: P, variantId: P, quantity: 3 })).toMatchObject({ code: 'OUT_OF_STOCK' });
		expect(await runMutation(store, 'cart.add', { productId: P, variantId: LARGE, quantity: 2 })).toMatchObject({
			code: 'OUT_OF_STOCK',
			message: 'Only 1 available; your cart holds 1.'
		});
		expect(quantities()).toEqual({ [P]: 4, [LARGE]: 1 });
	});

	it('takes a product alone as its only variant, and refuses it for a product of several', async () => {
		const { store, cart } = memoryStore({ [A]: { [A]: 5 }, [P]: { [P]: 4, [LARGE]: 1 } });
		await runMutation(store, 'cart.add', { productId: A, quantity: 2 });
		expect(cart.get(A)).toEqual({ productId: A, quantity: 2 });
		await expect(runMutation(store, 'cart.add', { productId: P, quantity: 1 })).rejects.toMatchObject({
			code: 'INVALID',
			message: 'This product comes in several options: choose one first.'
		});
	});

	it('sets, removes and clears lines, one of a variant no longer sold included', async () => {
		const products = { [A]: { [A]: 50 }, [P]: { [P]: 50, [LARGE]: 50 } as Record<string, number> };
		const { store, quantities } = memoryStore(products);
		await runMutation(store, 'cart.setQuantity', { productId: A, variantId: A, quantity: 7 });
		await runMutation(store, 'cart.setQuantity', { productId: P, variantId: P, quantity: 2 });
		await runMutation(store, 'cart.setQuantity', { productId: P, variantId: LARGE, quantity: 3 });
		await runMutation(store, 'cart.setQuantity', { productId: A, variantId: A, quantity: 0 });
		expect(quantities()).toEqual({ [P]: 2, [LARGE]: 3 });
		// The shop stops selling Large: its line can still be taken out.
		delete products[P][LARGE];
		await runMutation(store, 'cart.remove', { productId: P, variantId: LARGE });
		expect(quantities()).toEqual({ [P]: 2 });
		await runMutation(store, 'cart.clear', {});
		expect(quantities()).toEqual({});
	});

	it('refuses what can never apply', async () => {
		const { store } = memoryStore({ [C]: { [C]: 0 }, [P]: { [P]: 1 } }, false);
		const refusal = (name: string, args: unknown) => runMutation(store, name, args).then(() => null, (e: MutationRefused) => e.code);
		expect(await refusal('cart.add', { productId: C, variantId: C, quantity: 1 })).toBe('OUT_OF_STOCK');
		expect(await refusal('cart.add', { productId: A, variantId: A, quantity: 1 })).toBe('NOT_FOUND');
		expect(await refusal('cart.add', { quantity: 1 })).toBe('INVALID');
		expect(await refusal('cart.add', { productId: C, variantId: C, quantity: 100 })).toBe('INVALID');
		expect(await refusal('cart.add', { productId: C, variantId: C, quantity: 1, price: 1 })).toBe('INVALID');
		expect(await refusal('favorites.add', { productId: C })).toBe('FORBIDDEN');
		expect(await refusal('order.fly', {})).toBe('INVALID');
	});

	it('says which choice is gone when a variant is no longer sold', async () => {
		const { store } = memoryStore({ [P]: { [P]: 4 } });
		await expect(runMutation(store, 'cart.add', { productId: P, variantId: LARGE, quantity: 1 })).rejects.toMatchObject({
			code: 'NOT_FOUND',
			message: 'This choice of the product is no longer sold.'
		});
	});

	it('hands a well-formed order request to the store, for signed-in shoppers only, and refuses a malformed one', async () => {
		const request = {
			cartId: '00000000-0000-4000-8000-000000000001',
			lines: [{ productId: A, quantity: 2 }],
			addressId: '00000000-0000-4000-8000-000000000002',
			shippingMethodId: '00000000-0000-4000-8000-000000000003',
			expectedTotal: 2495
		};
		const { store, requests } = memoryStore({ [A]: { [A]: 4 } });
		await runMutation(store, 'order.request', request);
		expect(requests).toEqual([request]);
		const refusal = (args: unknown, signedIn = true) =>
			runMutation(memoryStore({ [A]: { [A]: 4 } }, signedIn).store, 'order.request', args).then(() => null, (e: MutationRefused) => e.code);
		expect(await refusal(request, false)).toBe('FORBIDDEN');
		expect(await refusal({ ...request, addressId: undefined })).toBe('INVALID');
		expect(await refusal({ ...request, lines: [] })).toBe('INVALID');
		expect(await refusal({ ...request, expectedTotal: -1 })).toBe('INVALID');
		expect(await refusal({ ...request, lines: [{ productId: A, quantity: 2, priceMinor: 1 }] })).toBe('INVALID');
		expect(await runMutation(store, 'noop', {})).toBeUndefined();
	});
});
