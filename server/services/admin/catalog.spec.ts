import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugify, stockAdjustInput } from '../../../src/lib/shared/catalog-admin';
import { pullInput } from '../../../src/lib/shared/sync';
import type { SessionUser } from '../../auth/session';
import { useSeededShop } from '../../testing/seeded-shop';
import { createCaller } from '../../trpc/root';
import { listAudit } from '../audit';
import { testProvider } from '../payments/test-provider';
import { pull } from '../sync';

// Through the admin procedures, the door the admin pages use: their validation, audit and errors.
const shop = useSeededShop();
const IP = '192.0.2.7';
let admin: SessionUser;
let collectionId: string;
let dataDir: string;
const api = () => createCaller({ db: shop.db, user: admin, session: null, payments: testProvider, ip: IP }).admin.products;

beforeAll(async () => {
	[admin] = await shop.fixtures.makeUsers(1, 'admin');
	collectionId = (await api().collectionChoices())[0]!.id;
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'store-uploads-'));
	process.env.DATA_DIR = dataDir;
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

const newProduct = (title: string, extra: Record<string, unknown> = {}) => api().create({ title, priceMinor: 2500, collectionId, inventory: 10, ...extra });
const trail = async (id: string) => (await listAudit(shop.db, { entityType: 'product', entityId: id, limit: 20 })).items;

/** What a device would hear of a product in its next pull after `cursor`. */
async function pulledAfter(cursor: string, id: string) {
	const page = await pull(shop.db, null, pullInput.parse({ cursor, limit: 1000 }));
	return page.products.find((p) => p.id === id);
}
const cursorNow = async () => (await pull(shop.db, null, pullInput.parse({ cursor: '999999999999', limit: 1 }))).cursor;

describe('admin products', () => {
	it('creates a product with a slug from its title, and records it', async () => {
		const product = await newProduct('Quokka Tea Towel, Set of 2!');
		expect(product).toMatchObject({ slug: 'quokka-tea-towel-set-of-2', priceMinor: 2500, inventory: 10, archived: false });
		expect((await api().list({ query: 'quokka tea', sort: 'title', page: 1, archived: false })).items.map((p) => p.id)).toEqual([product.id]);
		const [created] = await trail(product.id);
		expect(created).toMatchObject({ action: 'product.create', actorEmail: admin.email, ip: IP, changes: { title: { before: null, after: 'Quokka Tea Towel, Set of 2!' } } });
	});

	it('puts a taken slug next to the slug field (409), creating nothing', async () => {
		await newProduct('Slate Coaster');
		await expect(newProduct('Another Coaster', { slug: 'slate-coaster' })).rejects.toMatchObject({ code: 'CONFLICT', cause: { field: 'slug' } });
		expect((await api().list({ query: 'Another Coaster', sort: 'title', page: 1, archived: false })).total).toBe(0);
	});

	it('refuses a stale edit and keeps the other admin’s change; a sale in between does not count as an edit', async () => {
		const product = await newProduct('Oak Cheese Board');
		const formA = await api().get({ id: product.id });
		const formB = await api().get({ id: product.id });
		const edit = (form: typeof formA, fields: Record<string, unknown>) =>
			api().update({ id: form.id, editToken: form.editToken, title: form.title, slug: form.slug, description: form.description, priceMinor: form.priceMinor, currency: form.currency, collectionId: form.collectionId, ...fields });

		await api().adjustStock({ id: product.id, change: -1, reason: 'damaged' });
		const saved = await edit(formA, { priceMinor: 2900 });
		expect(saved.priceMinor).toBe(2900);
		await expect(edit(formB, { title: 'Oak Board' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Someone else saved/) });
		expect(await api().get({ id: product.id })).toMatchObject({ title: 'Oak Cheese Board', priceMinor: 2900 });
		const actions = (await trail(product.id)).map((e) => e.action);
		expect(actions).toEqual(['product.update', 'product.stock', 'product.create']);
		expect((await trail(product.id))[0]!.changes).toEqual({ priceMinor: { before: 2500, after: 2900 } });
	});

	it('adjusts stock relative to what it is, with a reason, never below zero, and devices hear of it', async () => {
		const product = await newProduct('Copper Measuring Cups', { inventory: 3 });
		const cursor = await cursorNow();
		const received = await api().adjustStock({ id: product.id, change: 12, reason: 'received', note: 'PO 88' });
		expect(received.inventory).toBe(15);
		expect(await pulledAfter(cursor, product.id)).toMatchObject({ inventory: 15 });
		await expect(api().adjustStock({ id: product.id, change: -16, reason: 'correction' })).rejects.toMatchObject({ code: 'CONFLICT', cause: { field: 'change' } });
		expect((await api().get({ id: product.id })).inventory).toBe(15);
		expect((await trail(product.id))[0]).toMatchObject({ action: 'product.stock', changes: { inventory: { before: 3, after: 15 }, reason: { after: 'received: PO 88' } } });
		expect(stockAdjustInput.safeParse({ id: product.id, change: 0, reason: 'received' }).success).toBe(false);
		expect(stockAdjustInput.safeParse({ id: product.id, change: 1, reason: 'stolen' }).success).toBe(false);
		// A reason fits its direction: nothing is received by taking units away, nor damaged by adding them.
		for (const [change, reason, fits] of [[-40, 'received', false], [3, 'damaged', false], [2, 'lost', false], [-1, 'returned', false], [-40, 'lost', true], [5, 'returned', true], [-3, 'correction', true], [3, 'correction', true]] as const) {
			const parsed = stockAdjustInput.safeParse({ id: product.id, change, reason });
			expect(parsed.success, `${change} ${reason}`).toBe(fits);
			if (!parsed.success) expect(parsed.error.issues[0]).toMatchObject({ path: ['reason'], message: expect.stringMatching(/^That reason does not fit the change/) });
		}
	});

	it('archives a product as a tombstone on devices, and restores it', async () => {
		const product = await newProduct('Beeswax Candle');
		const cursor = await cursorNow();
		await api().archive({ id: product.id, archived: true });
		expect(await pulledAfter(cursor, product.id)).toEqual({ id: product.id, version: expect.any(Number), deleted: true });
		expect((await api().list({ query: 'Beeswax', sort: 'title', page: 1, archived: true })).items.map((p) => p.id)).toEqual([product.id]);
		await api().archive({ id: product.id, archived: false });
		expect(await pulledAfter(cursor, product.id)).toMatchObject({ id: product.id, title: 'Beeswax Candle' });
		expect((await trail(product.id)).map((e) => e.action).slice(0, 2)).toEqual(['product.restore', 'product.archive']);
	});

	it('stores PNG, JPEG and WebP images up to the limit, refusing anything else', async () => {
		const product = await newProduct('Glass Carafe');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		const withImage = await api().addImage({ id: product.id, file: new File([png], 'carafe.png'), alt: 'A glass carafe' });
		const [image] = withImage.images;
		expect(image).toMatchObject({ src: expect.stringMatching(/^\/uploads\/products\/[0-9a-f-]+\.png$/), alt: 'A glass carafe' });
		expect(await fs.readFile(path.join(dataDir, image!.src.replace('/uploads/', 'uploads/')))).toEqual(Buffer.from(png));

		const text = new File(['<svg onload="alert(1)">'], 'evil.png', { type: 'image/png' });
		await expect(api().addImage({ id: product.id, file: text, alt: '' })).rejects.toMatchObject({ message: 'Upload a PNG, JPEG or WebP image.', cause: { field: 'image' } });
		const big = new File([png, new Uint8Array(600_000)], 'big.png');
		await expect(api().addImage({ id: product.id, file: big, alt: '' })).rejects.toMatchObject({ message: expect.stringMatching(/up to 500 KB/), cause: { field: 'image' } });
		expect((await api().get({ id: product.id })).images).toHaveLength(1);
		expect(await fs.readdir(path.join(dataDir, 'uploads/products'))).toHaveLength(1);

		const without = await api().removeImage({ id: product.id, src: image!.src });
		expect(without.images).toEqual([]);
	});

	it('makes slugs from titles', () => {
		expect(slugify('  Crème Brûlée Torch — Pro ')).toBe('creme-brulee-torch-pro');
		expect(slugify('!!!')).toBe('');
	});
});
