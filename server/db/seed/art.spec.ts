import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productArt } from './art';
import { artKind, COLLECTION_KINDS, KINDS_BY_COLLECTION, kindFits, type ArtKind } from './art/kinds';
import { demoCollections, demoProducts } from './catalog-data';

describe('demo product pictures', () => {
	it.each(demoProducts)('draws $slug as a kind of thing its collection holds', ({ slug, collectionSlug }) => {
		const kind = artKind(slug);
		expect(kind, `${slug} maps to no kind`).not.toBeNull();
		expect(KINDS_BY_COLLECTION[collectionSlug as keyof typeof KINDS_BY_COLLECTION]).toContain(kind);
	});

	it('draws what the products are called, not the collection’s usual object', () => {
		const kinds = Object.fromEntries(demoProducts.map((p) => [p.slug, artKind(p.slug)]));
		expect(kinds).toMatchObject({
			'gooseneck-kettle': 'kettle',
			'burr-hand-grinder': 'grinder',
			'coffee-scale-with-timer': 'scale',
			'smoked-lapsang-souchong-tea': 'tea-tin',
			'unbleached-paper-filters': 'filters',
			'linen-tea-towel-set': 'textile',
			'compass-with-sighting-mirror': 'compass',
			'golden-pothos-hanging-basket': 'hanging-plant',
			'terracotta-plant-pot': 'planter',
			'snake-plant-in-ceramic-pot': 'plant'
		});
	});

	it('refuses a kind from another collection', () => {
		expect(kindFits('coffee-tea', 'grinder')).toBe(true);
		expect(kindFits('coffee-tea', 'tent')).toBe(false);
		expect(kindFits('plants-garden', 'pot')).toBe(false);
		expect(kindFits('no-such-collection', 'mug')).toBe(false);
	});

	it('gives every collection a picture of its own kind', () => {
		for (const { slug } of demoCollections) {
			expect(kindFits(slug, COLLECTION_KINDS[slug as keyof typeof COLLECTION_KINDS])).toBe(true);
		}
	});

	it('draws each kind differently, as a small SVG named for its product', () => {
		const kinds = [...new Set(Object.values(KINDS_BY_COLLECTION).flat())] as ArtKind[];
		const drawings = kinds.map((kind) => productArt({ slug: 'same-slug', title: 'A <b>&', kind }));
		expect(new Set(drawings).size).toBe(kinds.length);
		for (const svg of drawings) {
			expect(svg).toMatch(/^<svg [^>]*aria-label="A &lt;b&gt;&amp;"[^>]*>.*<\/svg>\n$/s);
			expect(svg.length).toBeLessThan(2500);
		}
	});

	it('matches the committed pictures (run npm run art:generate after a change)', () => {
		for (const product of demoProducts) {
			const committed = readFileSync(`static/images/products/${product.slug}.svg`, 'utf8');
			expect(committed, product.slug).toBe(productArt({ ...product, kind: artKind(product.slug)! }));
		}
	});
});
