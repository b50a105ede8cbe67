import { describe, expect, it } from 'vitest';
import { mergeCarts, MutationRefused, runMutation, type MutationStore, type OrderRequestArgs } from './mutations';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('mergeCarts', () => {
	const stock = (id: string) => ({ [A]: 10, [B]: 3, [C]: 0 })[id] ?? null;

	it('adds quantities of the same product and keeps the others', () => {
		expect(mergeCarts([{ productId: A, quantity: 2 }], [{ productId: A, quantity: 3 }, { productId: B, quantity: 1 }], stock)).toEqual([
			{ productId: A, quantity: 5 },
			{ productId: B, quantity: 1 }
		]);
	});

	it('caps each line by stock and drops sold-out or unknown products', () => {
		const unknown = '00000000-0000-4000-8000-0000000000ff';
		expect(
			mergeCarts([{ productId: B, quantity: 2 }], [{ productId: B, quantity: 2 }, { productId: C, quantity: 1 }, { productId: unknown, quantity: 1 }], stock)
		).toEqual([{ productId: B, quantity: 3 }]);
	});

	it('is the account cart when the guest cart is empty, and the guest cart when the account is empty', () => {
		const lines = [{ productId: A, quantity: 1 }];
		expect(mergeCarts(lines, [], stock)).toEqual(lines);
		expect(mergeCarts([], lines, stock)).toEqual(lines);
	});
});

function memoryStore(stock: Record<string, number>, signedIn = true) {
	const cart = new Map<string, number>();
	const favorites = new Set<string>();
	const requests: OrderRequestArgs[] = [];
	const store: MutationStore = {
		signedIn,
		stock: async (id) => stock[id] ?? null,
		quantity: async (id) => cart.get(id) ?? 0,
		setQuantity: async (id, q) => void (q > 0 ? cart.set(id, q) : cart.delete(id)),
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
