// What each demo product is drawn as: one kind of object per product, found from the words
// of its slug, and only kinds that belong to its collection (art.spec.ts checks both).

/** Kinds of object a collection's products may be drawn as. */
export const KINDS_BY_COLLECTION = {
	'kitchen-dining': ['board', 'pan', 'plate', 'textile', 'utensils', 'mortar', 'bowl', 'pot', 'glass', 'knife', 'mill'],
	'coffee-tea': [
		'kettle', 'grinder', 'scale', 'dripper', 'filters', 'carafe', 'teapot',
		'infuser', 'whisk', 'pitcher', 'coffee-bag', 'tea-tin', 'cups', 'mug'
	],
	'home-decor': [
		'pendant', 'lamp', 'vase', 'textile', 'cushion', 'candle', 'mirror',
		'rug', 'frame', 'basket', 'bookends', 'diffuser', 'incense'
	],
	'bags-travel': ['tote', 'handbag', 'backpack', 'pouch', 'wallet', 'textile', 'tag', 'suitcase', 'mask'],
	stationery: ['notebook', 'pen', 'pencils', 'envelope', 'organizer', 'tape', 'ink', 'ruler'],
	audio: ['headphone-stand', 'headphones', 'earbuds', 'turntable', 'record', 'cable', 'radio', 'amplifier', 'speaker', 'pouch'],
	outdoor: [
		'tent', 'bottle', 'mug', 'textile', 'stool', 'socks', 'lantern',
		'utensils', 'hammock', 'pot', 'tote', 'compass', 'headlamp', 'beanie'
	],
	'plants-garden': [
		'hanging-plant', 'propagation', 'mister', 'shears', 'seeds', 'watering-can',
		'soil', 'trowel', 'apron', 'markers', 'plant', 'planter'
	]
} as const satisfies Record<string, readonly string[]>;

export type ArtCollection = keyof typeof KINDS_BY_COLLECTION;
export type ArtKind = (typeof KINDS_BY_COLLECTION)[ArtCollection][number];

/**
 * Slug words naming a kind, tried in this order, across every collection: the first rule
 * with a word of the slug wins. Where two rules share a product, the more particular comes
 * first ("tea towel" is cloth before "tea" is a tin; "sighting mirror" is a compass).
 */
const RULES: [ArtKind, string[]][] = [
	['kettle', ['kettle']],
	['grinder', ['grinder']],
	['scale', ['scale']],
	['dripper', ['dripper']],
	['filters', ['filters']],
	['carafe', ['carafe']],
	['teapot', ['teapot']],
	['infuser', ['infuser']],
	['whisk', ['whisk']],
	['pitcher', ['pitcher']],
	['coffee-bag', ['beans']],
	['textile', ['towel', 'wraps', 'blanket', 'throw', 'runner', 'scarf', 'bandana']],
	['tea-tin', ['tea', 'canister']],
	['cups', ['cups']],
	['mug', ['mug']],
	['board', ['board']],
	['pan', ['pan', 'warmer']],
	['plate', ['plate', 'placemat']],
	['utensils', ['servers', 'spoons', 'spork']],
	['mortar', ['mortar']],
	['bowl', ['bowl']],
	['pot', ['oven', 'cookset']],
	['glass', ['tumblers']],
	['knife', ['knife']],
	['mill', ['mill']],
	['pendant', ['pendant']],
	['lamp', ['lamp']],
	['vase', ['vase']],
	['cushion', ['cushion']],
	['candle', ['candle']],
	['compass', ['compass']],
	['mirror', ['mirror']],
	['rug', ['rug']],
	['frame', ['frame']],
	['hanging-plant', ['hanging', 'hanger']],
	['basket', ['basket']],
	['bookends', ['bookends']],
	['diffuser', ['diffuser']],
	['incense', ['incense']],
	['tote', ['tote', 'market', 'carrier']],
	['handbag', ['weekender', 'sling']],
	['backpack', ['backpack']],
	['pouch', ['cubes', 'dopp', 'sleeve', 'roll', 'pouch']],
	['wallet', ['wallet', 'holder']],
	['tag', ['tag']],
	['suitcase', ['suitcase']],
	['mask', ['mask']],
	['notebook', ['notebook', 'sketchbook', 'planner', 'pad']],
	['pen', ['pen']],
	['pencils', ['pencil']],
	['envelope', ['envelopes', 'cards', 'seal']],
	['organizer', ['organizer']],
	['tape', ['tape']],
	['ink', ['ink']],
	['ruler', ['ruler']],
	['headphone-stand', ['stand']],
	['headphones', ['headphones']],
	['earbuds', ['earbuds']],
	['turntable', ['player']],
	['record', ['vinyl', 'slipmat']],
	['cable', ['cable']],
	['radio', ['radio']],
	['amplifier', ['amplifier']],
	['speaker', ['speaker']],
	['tent', ['tent']],
	['bottle', ['bottle']],
	['stool', ['stool']],
	['socks', ['socks']],
	['lantern', ['lantern']],
	['hammock', ['hammock']],
	['headlamp', ['headlamp']],
	['beanie', ['beanie']],
	['propagation', ['propagation']],
	['mister', ['mister']],
	['shears', ['shears']],
	['seeds', ['seed']],
	['watering-can', ['can']],
	['soil', ['potting']],
	['trowel', ['trowel']],
	['apron', ['apron']],
	['markers', ['markers']],
	['plant', ['fig', 'snake']],
	['planter', ['planter', 'pot']]
];

/** The kind a product's slug names, or null when no rule knows it. */
export function artKind(slug: string): ArtKind | null {
	const parts = new Set(slug.split('-'));
	return RULES.find(([, words]) => words.some((w) => parts.has(w)))?.[0] ?? null;
}

/** Whether a product of this collection may be drawn as this kind. */
export function kindFits(collectionSlug: string, kind: ArtKind): boolean {
	const kinds: readonly string[] | undefined = KINDS_BY_COLLECTION[collectionSlug as ArtCollection];
	return kinds?.includes(kind) ?? false;
}

/** Each collection's own picture. */
export const COLLECTION_KINDS: Record<ArtCollection, ArtKind> = {
	'kitchen-dining': 'pot',
	'coffee-tea': 'kettle',
	'home-decor': 'lamp',
	'bags-travel': 'backpack',
	stationery: 'notebook',
	audio: 'headphones',
	outdoor: 'tent',
	'plants-garden': 'plant'
};
