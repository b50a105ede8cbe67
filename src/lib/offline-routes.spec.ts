import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineNote, offlineRoutes, routeOf } from './offline-routes';

const routes = path.resolve(import.meta.dirname, '../routes');

/** The route id of every page under src/routes (a folder with a +page file: /logout has only a server one). */
function pages(dir = routes): string[] {
	const isPage = fs.readdirSync(dir).some((name) => name.startsWith('+page.'));
	const here = isPage ? ['/' + path.relative(routes, dir).split(path.sep).join('/')] : [];
	const below = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) => pages(path.join(dir, entry.name)));
	return [...here, ...below];
}

describe('the offline route table', () => {
	it('says what every page does with no network (the offline shell itself aside)', () => {
		const ids = pages().filter((id) => id !== '/shell');
		expect(ids).toContain('/products/[slug]');
		expect(Object.keys(offlineRoutes).sort()).toEqual(ids.sort());
	});

	it('finds the route of a path, a fixed segment before a parameter', () => {
		expect(routeOf('/')).toBe('/');
		expect(routeOf('/admin/products/new')).toBe('/admin/products/new');
		expect(routeOf('/admin/products/7f0c')).toBe('/admin/products/[id]');
		expect(routeOf('/account/orders/1002')).toBe('/account/orders/[number]');
		expect(routeOf('/no/such/page')).toBeNull();
	});

	it('gives a page that needs the server its own note, and one the device lacks a plain one', () => {
		expect(offlineNote('/login').note).toBe('Signing in needs the network — you can keep browsing and filling your cart.');
		expect(offlineNote('/account').also.map((l) => l.href)).toEqual(['/account/orders', '/account/addresses']);
		expect(offlineNote('/account/orders/1002').note).toMatch(/does not hold that order/);
		expect(offlineNote('/cart').note).toBe('This page is not on this device yet — it opens when you are back online.');
		expect(offlineNote('/no/such/page').note).toBe(offlineNote('/cart').note);
	});
});
