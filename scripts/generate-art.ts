// Regenerates the demo product and collection art in static/images.
// Run with: npx tsx scripts/generate-art.ts
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productArt } from '../server/db/seed/art';
import { artKind, COLLECTION_KINDS, kindFits, type ArtCollection } from '../server/db/seed/art/kinds';
import { demoCollections, demoProducts } from '../server/db/seed/catalog-data';

const root = fileURLToPath(new URL('..', import.meta.url));
const productsDir = join(root, 'static', 'images', 'products');
const collectionsDir = join(root, 'static', 'images', 'collections');

/** Creates `dir` if needed and removes any .svg files left from a previous run. */
function prepare(dir: string): void {
	mkdirSync(dir, { recursive: true });
	for (const name of readdirSync(dir)) {
		if (name.endsWith('.svg')) rmSync(join(dir, name));
	}
}

prepare(productsDir);
prepare(collectionsDir);

let bytes = 0;
for (const product of demoProducts) {
	const kind = artKind(product.slug);
	if (!kind || !kindFits(product.collectionSlug, kind)) {
		throw new Error(`${product.slug} has no picture of its own kind: add a rule to server/db/seed/art/kinds.ts.`);
	}
	const svg = productArt({ ...product, kind });
	writeFileSync(join(productsDir, `${product.slug}.svg`), svg);
	bytes += Buffer.byteLength(svg);
}

for (const collection of demoCollections) {
	const svg = productArt({
		slug: collection.slug,
		title: collection.title,
		kind: COLLECTION_KINDS[collection.slug as ArtCollection]
	});
	writeFileSync(join(collectionsDir, `${collection.slug}.svg`), svg);
	bytes += Buffer.byteLength(svg);
}

console.log(
	`Wrote ${demoProducts.length} product and ${demoCollections.length} collection images (${(bytes / 1024).toFixed(1)} KB).`
);
