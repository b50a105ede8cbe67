// Demo catalog content used by the seed script and the generated product art.
// Pure data: plain ASCII only, no characters that need escaping in SVG/HTML.

export type DemoCollection = { slug: string; title: string; description: string };

export type DemoProduct = {
	slug: string;
	title: string;
	description: string;
	/** Integer cents (USD). */
	priceMinor: number;
	/** Stock level; 0 means sold out. */
	inventory: number;
	/** One of the `demoCollections` slugs. */
	collectionSlug: string;
};

export const demoCollections: DemoCollection[] = [
	{
		slug: 'kitchen-dining',
		title: 'Kitchen & Dining',
		description:
			'Hard-working cookware, handmade tableware and linens for everyday meals and long dinners with friends.'
	},
	{
		slug: 'coffee-tea',
		title: 'Coffee & Tea',
		description:
			'Brewers, grinders, cups and small-batch beans and leaves for a slower, better morning ritual.'
	},
	{
		slug: 'home-decor',
		title: 'Home Decor',
		description:
			'Lamps, vases, textiles and quiet objects that make a room feel lived in and looked after.'
	},
	{
		slug: 'bags-travel',
		title: 'Bags & Travel',
		description:
			'Durable bags and clever organisers built to carry you through the commute, the weekend and the long haul.'
	},
	{
		slug: 'stationery',
		title: 'Stationery',
		description:
			'Notebooks, pens, cards and desk tools for writers, planners and anyone who still loves paper.'
	},
	{
		slug: 'audio',
		title: 'Audio',
		description:
			'Headphones, speakers and record care chosen for warm sound and designs you will want to keep out on the shelf.'
	},
	{
		slug: 'outdoor',
		title: 'Outdoor',
		description:
			'Camp kit, bottles and trail essentials for day hikes, backyard nights and everything in between.'
	},
	{
		slug: 'plants-garden',
		title: 'Plants & Garden',
		description:
			'Easy-going houseplants, good pots and sturdy hand tools for windowsills, balconies and backyard beds.'
	}
];

export const demoProducts: DemoProduct[] = [
	// Kitchen and Dining
	{
		slug: 'walnut-serving-board',
		title: 'Walnut Serving Board',
		description:
			'Cut from a single plank of American black walnut and finished with food-safe mineral oil. Measures 45 x 22 cm with a carved handle for easy carrying. Hand wash and re-oil every few weeks.',
		priceMinor: 6800,
		inventory: 42,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'hand-forged-carbon-steel-pan',
		title: 'Hand-forged Carbon Steel Pan',
		description:
			'A 26 cm pan forged from a single sheet of carbon steel, pre-seasoned and ready for high-heat searing. Builds a natural non-stick patina with every use. Works on gas, induction and open flame.',
		priceMinor: 8900,
		inventory: 0,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'speckled-stoneware-dinner-plate',
		title: 'Speckled Stoneware Dinner Plate',
		description:
			'A generous 27 cm plate in oatmeal glaze with natural iron speckles from the clay. Made in a small Portuguese pottery. Dishwasher and microwave safe.',
		priceMinor: 2800,
		inventory: 120,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'linen-tea-towel-set',
		title: 'Linen Tea Towel Set',
		description:
			'Two stonewashed linen towels that dry glasses without leaving lint behind. Each measures 50 x 70 cm and has a cotton hanging loop. Machine wash warm; they only get softer.',
		priceMinor: 2400,
		inventory: 85,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'olive-wood-salad-servers',
		title: 'Olive Wood Salad Servers',
		description:
			'A pair of 30 cm servers carved from Tunisian olive wood, each with its own unique grain. Hand wash only and rub with a little oil now and then.',
		priceMinor: 3200,
		inventory: 3,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'enamel-mixing-bowl',
		title: 'Enamel Mixing Bowl',
		description:
			'A lightweight 3 litre bowl of enamelled steel with a rolled navy rim. Stacks neatly and is tough enough for proving dough or serving salad. Dishwasher safe.',
		priceMinor: 3600,
		inventory: 64,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'cast-iron-dutch-oven',
		title: 'Cast Iron Dutch Oven',
		description:
			'A 5.5 litre enamelled cast iron pot that goes from stovetop to oven to table. Heavy lid keeps braises moist for hours. Oven safe to 250 C; hand wash recommended.',
		priceMinor: 18900,
		inventory: 18,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'brass-measuring-spoons',
		title: 'Brass Measuring Spoons',
		description:
			'Four solid brass spoons from 1/4 teaspoon to 1 tablespoon, joined on a removable ring. They will develop a warm patina over time. Hand wash and dry straight away.',
		priceMinor: 2200,
		inventory: 97,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'ribbed-glass-tumblers-set-of-4',
		title: 'Ribbed Glass Tumblers (Set of 4)',
		description:
			'Mouth-blown tumblers with fine vertical ribs that catch the light. Each holds 300 ml, perfect for water, juice or an iced coffee. Dishwasher safe on the top rack.',
		priceMinor: 3400,
		inventory: 150,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'beeswax-food-wraps',
		title: 'Beeswax Food Wraps',
		description:
			'A set of three organic cotton wraps coated in beeswax, tree resin and jojoba oil. Use the warmth of your hands to seal them over bowls, bread or cheese. Rinse in cool water and reuse for up to a year.',
		priceMinor: 1800,
		inventory: 210,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'marble-mortar-and-pestle',
		title: 'Marble Mortar and Pestle',
		description:
			'Carved from a solid block of white marble with an unpolished interior for better grinding. The 14 cm bowl is ideal for pesto, spice blends and curry pastes. Hand wash only.',
		priceMinor: 4600,
		inventory: 2,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'japanese-santoku-knife',
		title: 'Japanese Santoku Knife',
		description:
			'A 17 cm blade of layered VG-10 steel with a hammered finish that helps food release. The octagonal magnolia handle sits light and balanced in the hand. Hand wash and dry; never the dishwasher.',
		priceMinor: 12500,
		inventory: 27,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'oak-pepper-mill',
		title: 'Oak Pepper Mill',
		description:
			'Turned from solid European oak with an adjustable ceramic grinder that goes from coarse to fine. Stands 20 cm tall and is easy to refill from the top.',
		priceMinor: 5200,
		inventory: 38,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'handwoven-rattan-placemat',
		title: 'Handwoven Rattan Placemat',
		description:
			'A 38 cm round placemat woven by hand from natural rattan. Adds warm texture to the table and protects it from hot plates. Wipe clean with a damp cloth.',
		priceMinor: 1400,
		inventory: 0,
		collectionSlug: 'kitchen-dining'
	},
	{
		slug: 'copper-butter-warmer',
		title: 'Copper Butter Warmer',
		description:
			'A small tin-lined copper pot with a pouring lip, made for melting butter, warming milk or toasting spices. Holds 350 ml. Polish occasionally to keep the shine.',
		priceMinor: 5800,
		inventory: 11,
		collectionSlug: 'kitchen-dining'
	},

	// Coffee and Tea
	{
		slug: 'hand-thrown-stoneware-mug',
		title: 'Hand-thrown Stoneware Mug',
		description:
			'Thrown on the wheel in our partner studio and dipped in a soft satin glaze, so no two are quite alike. Holds 350 ml and feels good in both hands. Dishwasher and microwave safe.',
		priceMinor: 3200,
		inventory: 88,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'pour-over-coffee-dripper',
		title: 'Pour-over Coffee Dripper',
		description:
			'A porcelain cone dripper with spiral ribs for an even, unhurried extraction. Brews one to two cups and fits most mugs and carafes. Uses standard size 02 filters.',
		priceMinor: 2800,
		inventory: 130,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'gooseneck-kettle',
		title: 'Gooseneck Kettle',
		description:
			'A 1 litre stainless steel stovetop kettle with a slim spout for precise pouring. The built-in thermometer helps you hit the right temperature every time. Works on gas and induction.',
		priceMinor: 7900,
		inventory: 4,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'burr-hand-grinder',
		title: 'Burr Hand Grinder',
		description:
			'Conical steel burrs and a smooth folding crank give a consistent grind from espresso to French press. Holds 30 g of beans, enough for two cups. Easy to take apart and brush clean.',
		priceMinor: 14500,
		inventory: 0,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'glass-cold-brew-carafe',
		title: 'Glass Cold Brew Carafe',
		description:
			'A 1 litre borosilicate carafe with a fine mesh filter that lifts straight out. Steep overnight in the fridge for smooth, low-acid coffee by morning. All parts are dishwasher safe.',
		priceMinor: 3900,
		inventory: 56,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'cast-iron-teapot',
		title: 'Cast Iron Teapot',
		description:
			'A traditional tetsubin-style teapot with an enamelled interior and removable steel infuser. Holds 800 ml and keeps tea hot for a long time. Rinse with warm water and dry thoroughly.',
		priceMinor: 6400,
		inventory: 22,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'unbleached-paper-filters',
		title: 'Unbleached Paper Filters',
		description:
			'A pack of 100 natural brown filters in size 02. Oxygen-processed without chlorine, so there is no papery taste. Rinse with hot water before brewing for the cleanest cup.',
		priceMinor: 450,
		inventory: 250,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'ethiopia-yirgacheffe-beans',
		title: 'Ethiopia Yirgacheffe Beans',
		description:
			'A washed single-origin coffee with bright notes of bergamot, peach and black tea. Roasted light in small batches each week. Supplied as 340 g of whole beans.',
		priceMinor: 1950,
		inventory: 140,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'smoked-lapsang-souchong-tea',
		title: 'Smoked Lapsang Souchong Tea',
		description:
			'Whole black tea leaves slowly dried over pine fires for a deep, campfire aroma. A 100 g tin makes around 40 cups. Lovely on its own or with a splash of milk.',
		priceMinor: 1600,
		inventory: 75,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'bamboo-matcha-whisk',
		title: 'Bamboo Matcha Whisk',
		description:
			'A traditional chasen hand-carved from a single piece of bamboo with 100 fine prongs. Whisks matcha into a smooth, frothy bowl in seconds. Rinse after use and dry on a holder.',
		priceMinor: 1800,
		inventory: 5,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'double-walled-espresso-cups',
		title: 'Double-walled Espresso Cups',
		description:
			'A pair of 80 ml borosilicate glass cups that keep espresso hot and your fingers cool. The coffee appears to float inside the glass. Dishwasher safe.',
		priceMinor: 2600,
		inventory: 90,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'stainless-steel-tea-infuser',
		title: 'Stainless Steel Tea Infuser',
		description:
			'A fine mesh basket infuser that sits in most mugs and teapots, with a lid that doubles as a drip tray. Gives loose leaves plenty of room to unfurl. Dishwasher safe.',
		priceMinor: 900,
		inventory: 180,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'ceramic-tea-canister',
		title: 'Ceramic Tea Canister',
		description:
			'A glazed stoneware canister with a cork-sealed lid that keeps tea and coffee fresh. Holds about 150 g of loose leaf. Wipe clean; do not soak the cork.',
		priceMinor: 2900,
		inventory: 0,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'milk-frothing-pitcher',
		title: 'Milk Frothing Pitcher',
		description:
			'A 350 ml stainless steel jug with a sharp spout for pouring latte art. Measurement marks inside help you get the amount right. Dishwasher safe.',
		priceMinor: 2400,
		inventory: 46,
		collectionSlug: 'coffee-tea'
	},
	{
		slug: 'coffee-scale-with-timer',
		title: 'Coffee Scale with Timer',
		description:
			'A slim scale that weighs to 0.1 g and times your brew at the same time. A silicone pad protects it from hot kettles and spills. Recharges over USB-C and lasts weeks on one charge.',
		priceMinor: 4900,
		inventory: 31,
		collectionSlug: 'coffee-tea'
	},

	// Home Decor
	{
		slug: 'fluted-ceramic-vase',
		title: 'Fluted Ceramic Vase',
		description:
			'A 28 cm vase with deep vertical fluting and a chalky matte glaze. Watertight, so it works for fresh stems as well as dried arrangements. Wipe clean with a soft cloth.',
		priceMinor: 5400,
		inventory: 36,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'mushroom-table-lamp',
		title: 'Mushroom Table Lamp',
		description:
			'A glazed ceramic lamp with a rounded shade that casts a soft, warm glow. Stands 36 cm tall with an inline dimmer switch on a fabric cord. Takes one E26 bulb, not included.',
		priceMinor: 12900,
		inventory: 3,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'chunky-wool-throw-blanket',
		title: 'Chunky Wool Throw Blanket',
		description:
			'A heavy 130 x 170 cm throw knitted from undyed New Zealand wool. Warm enough for winter evenings and handsome folded at the end of a bed. Dry clean or hand wash cold.',
		priceMinor: 14800,
		inventory: 19,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'linen-cushion-cover',
		title: 'Linen Cushion Cover',
		description:
			'A 50 x 50 cm cover in heavyweight washed linen with a hidden zip. Pairs well with our wool throws and looks better a little rumpled. Insert sold separately.',
		priceMinor: 3800,
		inventory: 72,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'soy-wax-candle-in-amber-jar',
		title: 'Soy Wax Candle in Amber Jar',
		description:
			'Hand-poured soy wax scented with cedar, smoke and a little vanilla. Burns cleanly for around 50 hours on a cotton wick. Trim the wick before each use.',
		priceMinor: 2800,
		inventory: 160,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'round-brass-wall-mirror',
		title: 'Round Brass Wall Mirror',
		description:
			'A 60 cm mirror framed in a slim band of brushed brass. Comes ready to hang with a sturdy D-ring on the back. Brightens a hallway or sits neatly above a console.',
		priceMinor: 16500,
		inventory: 0,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'jute-braided-rug',
		title: 'Jute Braided Rug',
		description:
			'A 120 x 180 cm rug hand-braided from natural jute fibres. Hard-wearing and earthy underfoot, it suits living rooms and entryways alike. Vacuum regularly and spot clean.',
		priceMinor: 21000,
		inventory: 9,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'handblown-bud-vase',
		title: 'Handblown Bud Vase',
		description:
			'A small 12 cm vase of tinted recycled glass, blown by hand so each has its own bubbles and waves. Made for a single stem or a few sprigs of herbs.',
		priceMinor: 2600,
		inventory: 54,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'oak-picture-frame',
		title: 'Oak Picture Frame',
		description:
			'A solid oak frame with a white mount, holding a 13 x 18 cm print inside a 20 x 25 cm frame. Stands on a shelf or hangs on the wall. Glazed with shatter-resistant acrylic.',
		priceMinor: 3200,
		inventory: 68,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'woven-seagrass-basket',
		title: 'Woven Seagrass Basket',
		description:
			'A 35 cm basket woven from seagrass with sturdy side handles. Great for throws, toys or an overgrown plant. Shake out and wipe with a dry cloth.',
		priceMinor: 4400,
		inventory: 2,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'travertine-bookends',
		title: 'Travertine Bookends',
		description:
			'A pair of weighty bookends cut from honed travertine, with felt pads to protect your shelves. Each piece is 15 cm tall with natural pits and veining.',
		priceMinor: 8800,
		inventory: 14,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'reed-diffuser-cedar-and-fig',
		title: 'Reed Diffuser Cedar and Fig',
		description:
			'A 200 ml glass bottle of fragrance oil with rattan reeds that scent a room for about three months. Flip the reeds once a week for a fresh burst of fig leaf and cedarwood.',
		priceMinor: 3400,
		inventory: 95,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'paper-pleated-pendant-shade',
		title: 'Paper Pleated Pendant Shade',
		description:
			'A 45 cm pleated shade of heavy rice paper that softens any bulb into a gentle glow. Fits standard pendant fittings. Dust with a soft brush.',
		priceMinor: 6900,
		inventory: 25,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'terracotta-incense-holder',
		title: 'Terracotta Incense Holder',
		description:
			'A small unglazed terracotta dish that holds a single incense stick and catches the ash. Hand-formed, so the shape varies slightly from piece to piece.',
		priceMinor: 1500,
		inventory: 110,
		collectionSlug: 'home-decor'
	},
	{
		slug: 'linen-table-runner',
		title: 'Linen Table Runner',
		description:
			'A 40 x 200 cm runner in washed linen with simple hemmed edges. Dresses up the table without fuss. Machine wash warm and line dry.',
		priceMinor: 3900,
		inventory: 41,
		collectionSlug: 'home-decor'
	},

	// Bags and Travel
	{
		slug: 'waxed-canvas-tote',
		title: 'Waxed Canvas Tote',
		description:
			'A roomy tote in water-resistant waxed cotton with leather handles and an inside zip pocket. Fits a laptop, lunch and a jumper. Wipe clean and re-wax once a year.',
		priceMinor: 8900,
		inventory: 45,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'leather-weekender-bag',
		title: 'Leather Weekender Bag',
		description:
			'A full-grain leather holdall sized for two or three nights away. Has a padded shoulder strap, brass hardware and a separate shoe compartment. Condition the leather twice a year.',
		priceMinor: 38500,
		inventory: 4,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'rolltop-backpack',
		title: 'Rolltop Backpack',
		description:
			'A 22 litre backpack in recycled nylon with a roll-top closure that expands when you need more room. Padded laptop sleeve and side bottle pocket. Weatherproof enough for a rainy bike ride.',
		priceMinor: 14900,
		inventory: 28,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'nylon-packing-cubes-set-of-3',
		title: 'Nylon Packing Cubes (Set of 3)',
		description:
			'Three lightweight cubes in small, medium and large that keep a suitcase tidy. Mesh tops let you see what is inside. Machine wash cold.',
		priceMinor: 3600,
		inventory: 120,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'leather-passport-wallet',
		title: 'Leather Passport Wallet',
		description:
			'A slim vegetable-tanned leather wallet that holds a passport, boarding pass and a few cards. Stitched by hand and softens with use.',
		priceMinor: 4800,
		inventory: 66,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'canvas-dopp-kit',
		title: 'Canvas Dopp Kit',
		description:
			'A sturdy cotton canvas wash bag with a wipe-clean lining and a brass zip. Big enough for the essentials and a little more. Spot clean as needed.',
		priceMinor: 3800,
		inventory: 0,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'merino-travel-scarf',
		title: 'Merino Travel Scarf',
		description:
			'A fine merino wool scarf that packs small and doubles as a blanket on cold flights. Measures 70 x 190 cm. Hand wash cool and dry flat.',
		priceMinor: 6800,
		inventory: 33,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'cork-luggage-tag',
		title: 'Cork Luggage Tag',
		description:
			'A light, water-resistant cork tag with a privacy flap and a leather strap. Easy to spot on the carousel.',
		priceMinor: 1200,
		inventory: 200,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'crossbody-sling-bag',
		title: 'Crossbody Sling Bag',
		description:
			'A compact sling in recycled ripstop that keeps your phone, keys and wallet close. Adjustable strap wears across the body or around the waist. Holds 3 litres.',
		priceMinor: 6400,
		inventory: 1,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'foldable-market-bag',
		title: 'Foldable Market Bag',
		description:
			'A strong nylon shopping bag that folds into its own pocket. Carries up to 15 kg of groceries. Clips to a keyring so you always have one.',
		priceMinor: 2200,
		inventory: 150,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'leather-card-holder',
		title: 'Leather Card Holder',
		description:
			'A minimal card holder with four slots and a central pocket for folded notes. Made from Italian leather with painted edges.',
		priceMinor: 3900,
		inventory: 84,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'hardshell-carry-on-suitcase',
		title: 'Hardshell Carry-on Suitcase',
		description:
			'A 55 cm polycarbonate carry-on with quiet spinner wheels and a TSA-approved lock. Compression straps and a zip divider keep things in place. Fits most airline overhead bins.',
		priceMinor: 27500,
		inventory: 12,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'silk-sleep-mask',
		title: 'Silk Sleep Mask',
		description:
			'A mulberry silk mask with a soft padded core that blocks out light on planes, trains and early summer mornings. Adjustable elastic band. Hand wash cold.',
		priceMinor: 2800,
		inventory: 70,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'ripstop-laptop-sleeve',
		title: 'Ripstop Laptop Sleeve',
		description:
			'A padded sleeve for 13 to 14 inch laptops with a front pocket for the charger. Water-resistant ripstop outside and soft fleece inside.',
		priceMinor: 4200,
		inventory: 38,
		collectionSlug: 'bags-travel'
	},
	{
		slug: 'travel-jewelry-roll',
		title: 'Travel Jewelry Roll',
		description:
			'A cotton velvet roll with zip pockets and a ring bar that keeps necklaces from tangling. Ties closed with a grosgrain ribbon and tucks into any bag.',
		priceMinor: 3400,
		inventory: 52,
		collectionSlug: 'bags-travel'
	},

	// Stationery
	{
		slug: 'dot-grid-notebook-a5',
		title: 'Dot Grid Notebook A5',
		description:
			'An A5 notebook with 192 numbered pages of 100 gsm dot grid paper that handles fountain pen ink without bleeding. Lay-flat binding and a linen cover.',
		priceMinor: 1800,
		inventory: 230,
		collectionSlug: 'stationery'
	},
	{
		slug: 'brass-bolt-action-pen',
		title: 'Brass Bolt-action Pen',
		description:
			'A machined solid brass pen with a satisfying bolt-action click. Takes standard refills and comes with a black 0.7 mm cartridge. It will patina beautifully in your pocket.',
		priceMinor: 5600,
		inventory: 24,
		collectionSlug: 'stationery'
	},
	{
		slug: 'recycled-kraft-envelopes',
		title: 'Recycled Kraft Envelopes',
		description:
			'A pack of 25 C6 envelopes in sturdy recycled kraft paper. Perfect for cards, invitations and small notes.',
		priceMinor: 900,
		inventory: 160,
		collectionSlug: 'stationery'
	},
	{
		slug: 'linen-bound-sketchbook',
		title: 'Linen Bound Sketchbook',
		description:
			'A square 20 cm sketchbook with 80 sheets of heavy, slightly toothy cartridge paper. Good for pencil, ink and light washes. Sewn binding opens fully flat.',
		priceMinor: 2600,
		inventory: 47,
		collectionSlug: 'stationery'
	},
	{
		slug: 'fountain-pen-with-steel-nib',
		title: 'Fountain Pen with Steel Nib',
		description:
			'A resin fountain pen with a smooth medium steel nib and a converter for bottled ink. Light and well balanced for long writing sessions. Includes two blue cartridges.',
		priceMinor: 4200,
		inventory: 3,
		collectionSlug: 'stationery'
	},
	{
		slug: 'walnut-desk-organizer',
		title: 'Walnut Desk Organizer',
		description:
			'A solid walnut tray with slots for pens, a phone and your notebook. Felt-lined base protects the desk. Finished with natural oil.',
		priceMinor: 7400,
		inventory: 15,
		collectionSlug: 'stationery'
	},
	{
		slug: 'letterpress-greeting-cards',
		title: 'Letterpress Greeting Cards',
		description:
			'A set of six blank cards printed on a vintage letterpress with botanical motifs. Heavy cotton card stock with kraft envelopes.',
		priceMinor: 1600,
		inventory: 95,
		collectionSlug: 'stationery'
	},
	{
		slug: 'weekly-desk-planner',
		title: 'Weekly Desk Planner',
		description:
			'An undated tear-off pad with 52 weekly spreads for tasks, notes and priorities. Sits flat beside your keyboard. Printed on recycled paper.',
		priceMinor: 2400,
		inventory: 0,
		collectionSlug: 'stationery'
	},
	{
		slug: 'washi-tape-trio',
		title: 'Washi Tape Trio',
		description:
			'Three rolls of Japanese paper tape in muted, complementary colours. Tears by hand and repositions cleanly. Each roll is 15 mm wide and 10 m long.',
		priceMinor: 1100,
		inventory: 140,
		collectionSlug: 'stationery'
	},
	{
		slug: 'graphite-pencil-set',
		title: 'Graphite Pencil Set',
		description:
			'Six cedar pencils in grades from 2H to 6B for writing, sketching and shading. Arrives sharpened in a kraft tube.',
		priceMinor: 1400,
		inventory: 180,
		collectionSlug: 'stationery'
	},
	{
		slug: 'leather-notebook-cover',
		title: 'Leather Notebook Cover',
		description:
			'A refillable vegetable-tanned leather cover for A5 notebooks, with a pen loop and card pocket. Ages to a rich tan over time. Notebook not included.',
		priceMinor: 5800,
		inventory: 12,
		collectionSlug: 'stationery'
	},
	{
		slug: 'bottled-ink-in-deep-teal',
		title: 'Bottled Ink in Deep Teal',
		description:
			'A 50 ml bottle of water-based fountain pen ink in a rich blue-green with gentle shading. Flows well and cleans out of pens easily.',
		priceMinor: 1900,
		inventory: 76,
		collectionSlug: 'stationery'
	},
	{
		slug: 'cotton-paper-writing-pad',
		title: 'Cotton Paper Writing Pad',
		description:
			'A pad of 50 A5 sheets of cotton rag paper with a soft deckled edge. Lovely for letters and thank-you notes. Works with pencil, ballpoint and fountain pen.',
		priceMinor: 1500,
		inventory: 88,
		collectionSlug: 'stationery'
	},
	{
		slug: 'solid-brass-ruler',
		title: 'Solid Brass Ruler',
		description:
			'A 15 cm ruler machined from solid brass with etched metric and imperial markings. Heavy enough to hold a page open. Doubles as a bookmark.',
		priceMinor: 2800,
		inventory: 39,
		collectionSlug: 'stationery'
	},
	{
		slug: 'wax-seal-stamp-kit',
		title: 'Wax Seal Stamp Kit',
		description:
			'A brass seal with a wooden handle, three sticks of sealing wax and a small melting spoon. Adds a handmade finishing touch to letters and gifts.',
		priceMinor: 3400,
		inventory: 27,
		collectionSlug: 'stationery'
	},

	// Audio
	{
		slug: 'wireless-over-ear-headphones',
		title: 'Wireless Over-ear Headphones',
		description:
			'Closed-back headphones with active noise cancelling and up to 40 hours of battery life. Memory foam ear cushions wrapped in protein leather. Folds flat into the included case.',
		priceMinor: 24900,
		inventory: 21,
		collectionSlug: 'audio'
	},
	{
		slug: 'walnut-bluetooth-speaker',
		title: 'Walnut Bluetooth Speaker',
		description:
			'A compact speaker in a solid walnut cabinet with a wool fabric grille. Fills a room with warm, balanced sound and plays for 12 hours per charge.',
		priceMinor: 18900,
		inventory: 5,
		collectionSlug: 'audio'
	},
	{
		slug: 'wired-studio-earbuds',
		title: 'Wired Studio Earbuds',
		description:
			'In-ear monitors with detachable braided cables and a clear, detailed sound. Includes three sizes of silicone tips and a zip case.',
		priceMinor: 5900,
		inventory: 64,
		collectionSlug: 'audio'
	},
	{
		slug: 'portable-record-player',
		title: 'Portable Record Player',
		description:
			'A belt-drive turntable in a fabric-covered case with built-in speakers and a headphone jack. Plays 33, 45 and 78 rpm records. Also connects to external speakers.',
		priceMinor: 27900,
		inventory: 0,
		collectionSlug: 'audio'
	},
	{
		slug: 'braided-audio-cable',
		title: 'Braided Audio Cable',
		description:
			'A 1.5 m cable with gold-plated 3.5 mm jacks and a tough cotton braid that resists tangles. Great for headphones, car stereos and speakers.',
		priceMinor: 1900,
		inventory: 190,
		collectionSlug: 'audio'
	},
	{
		slug: 'wooden-headphone-stand',
		title: 'Wooden Headphone Stand',
		description:
			'A simple stand of solid beech that keeps headphones off the desk and the headband in shape. Weighted base with a cork pad underneath.',
		priceMinor: 4500,
		inventory: 37,
		collectionSlug: 'audio'
	},
	{
		slug: 'pocket-radio-with-fm-dial',
		title: 'Pocket Radio with FM Dial',
		description:
			'A small AM and FM radio with a proper tuning dial and a surprisingly full speaker. Runs for about 30 hours on two AA batteries. Has a handy wrist strap.',
		priceMinor: 5400,
		inventory: 14,
		collectionSlug: 'audio'
	},
	{
		slug: 'bookshelf-speaker-pair',
		title: 'Bookshelf Speaker Pair',
		description:
			'Two powered speakers with a built-in amplifier, Bluetooth and a phono input for your turntable. Natural wood veneer cabinets stand 28 cm tall.',
		priceMinor: 39900,
		inventory: 9,
		collectionSlug: 'audio'
	},
	{
		slug: 'leather-headphone-pouch',
		title: 'Leather Headphone Pouch',
		description:
			'A soft leather drawstring pouch that protects earbuds or compact headphones in your bag. Lined with microfibre to keep things scratch-free.',
		priceMinor: 2900,
		inventory: 58,
		collectionSlug: 'audio'
	},
	{
		slug: 'vinyl-record-cleaning-kit',
		title: 'Vinyl Record Cleaning Kit',
		description:
			'A carbon fibre brush, a velvet pad and a 100 ml bottle of alcohol-free cleaning fluid. Removes dust and static for quieter playback.',
		priceMinor: 3200,
		inventory: 72,
		collectionSlug: 'audio'
	},
	{
		slug: 'true-wireless-earbuds',
		title: 'True Wireless Earbuds',
		description:
			'Compact earbuds with a clear, punchy sound and a pocket-sized charging case. Up to 8 hours per charge and 30 hours with the case. Sweat resistant.',
		priceMinor: 12900,
		inventory: 44,
		collectionSlug: 'audio'
	},
	{
		slug: 'felt-turntable-slipmat',
		title: 'Felt Turntable Slipmat',
		description:
			'A 12 inch slipmat of thick wool felt that reduces static and protects your records. Fits any standard turntable platter.',
		priceMinor: 1600,
		inventory: 110,
		collectionSlug: 'audio'
	},
	{
		slug: 'desktop-headphone-amplifier',
		title: 'Desktop Headphone Amplifier',
		description:
			'A small aluminium amp and DAC that gives demanding headphones the power they need. Plugs into your computer over USB-C. Big, smooth volume knob.',
		priceMinor: 16900,
		inventory: 13,
		collectionSlug: 'audio'
	},
	{
		slug: 'cork-speaker-isolation-pads',
		title: 'Cork Speaker Isolation Pads',
		description:
			'A set of eight pads of dense cork and rubber that decouple speakers from shelves and desks. Tightens up the bass and cuts down on rattles.',
		priceMinor: 2400,
		inventory: 49,
		collectionSlug: 'audio'
	},
	{
		slug: 'outdoor-waterproof-speaker',
		title: 'Outdoor Waterproof Speaker',
		description:
			'A rugged IP67 speaker that floats, shrugs off dust and plays for 15 hours. Strap it to a pack or hang it in the shower.',
		priceMinor: 8900,
		inventory: 26,
		collectionSlug: 'audio'
	},

	// Outdoor
	{
		slug: 'two-person-dome-tent',
		title: 'Two-person Dome Tent',
		description:
			'A freestanding three-season tent that pitches in minutes with colour-coded poles. Two doors, two vestibules and a packed weight of 2.1 kg. Seam-sealed fly with a 3000 mm waterproof rating.',
		priceMinor: 32900,
		inventory: 8,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'insulated-steel-water-bottle',
		title: 'Insulated Steel Water Bottle',
		description:
			'A 750 ml double-walled bottle that keeps drinks cold for 24 hours or hot for 12. Powder-coated for grip with a leak-proof loop cap. Hand wash.',
		priceMinor: 3400,
		inventory: 240,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'camp-enamel-mug',
		title: 'Camp Enamel Mug',
		description:
			'A classic 350 ml enamelware mug with a speckled finish and a rolled steel rim. Tough enough for the campfire, pretty enough for the kitchen.',
		priceMinor: 1800,
		inventory: 130,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'packable-down-blanket',
		title: 'Packable Down Blanket',
		description:
			'A light, water-resistant blanket filled with responsibly sourced down. Packs into its own stuff sack and works as a quilt on warm nights. Machine wash gentle.',
		priceMinor: 12900,
		inventory: 17,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'folding-camp-stool',
		title: 'Folding Camp Stool',
		description:
			'A three-legged stool with a waxed canvas seat and beech legs that folds down to carry on a strap. Holds up to 110 kg.',
		priceMinor: 4900,
		inventory: 33,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'wool-hiking-socks',
		title: 'Wool Hiking Socks',
		description:
			'Cushioned merino blend socks with a reinforced heel and toe for long days on the trail. Naturally odour resistant. Machine wash warm.',
		priceMinor: 2400,
		inventory: 160,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'rechargeable-camp-lantern',
		title: 'Rechargeable Camp Lantern',
		description:
			'A 400 lumen LED lantern with warm dimmable light and a handle that hangs from a tent loop. Charges over USB-C and doubles as a power bank.',
		priceMinor: 5900,
		inventory: 0,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'titanium-spork',
		title: 'Titanium Spork',
		description:
			'A feather-light spork with a long handle for reaching into food pouches. Will not rust, bend or pick up flavours.',
		priceMinor: 1200,
		inventory: 210,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'trail-map-bandana',
		title: 'Trail Map Bandana',
		description:
			'A soft cotton bandana printed with a vintage-style topographic trail map. Use it as a neck scarf, sweat rag or picnic napkin. Measures 55 cm square.',
		priceMinor: 1600,
		inventory: 5,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'ultralight-hammock',
		title: 'Ultralight Hammock',
		description:
			'A parachute nylon hammock that packs to the size of a grapefruit and holds up to 180 kg. Tree straps and carabiners included.',
		priceMinor: 7900,
		inventory: 29,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'stainless-camp-cookset',
		title: 'Stainless Camp Cookset',
		description:
			'A nesting pot, pan and two cups in stainless steel with folding handles. Everything packs inside the 1.2 litre pot. Works over stoves and campfires.',
		priceMinor: 6400,
		inventory: 22,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'canvas-firewood-carrier',
		title: 'Canvas Firewood Carrier',
		description:
			'A heavy waxed canvas sling with leather handles that moves a big armful of logs without the mess. Also handy for hauling kindling and gear.',
		priceMinor: 4400,
		inventory: 1,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'compass-with-sighting-mirror',
		title: 'Compass with Sighting Mirror',
		description:
			'A baseplate compass with a sighting mirror, declination adjustment and glow-in-the-dark markings. Reliable navigation when the phone signal is gone.',
		priceMinor: 3800,
		inventory: 55,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'headlamp-300-lumen',
		title: 'Headlamp 300 Lumen',
		description:
			'A lightweight rechargeable headlamp with spot, flood and red night modes. Tilting head and a soft elastic strap. Rated for rain and splashes.',
		priceMinor: 3900,
		inventory: 68,
		collectionSlug: 'outdoor'
	},
	{
		slug: 'merino-beanie',
		title: 'Merino Beanie',
		description:
			'A ribbed beanie knitted from fine merino wool that stays warm when damp. Soft, breathable and itch-free. Hand wash and dry flat.',
		priceMinor: 3200,
		inventory: 88,
		collectionSlug: 'outdoor'
	},

	// Plants and Garden
	{
		slug: 'terracotta-plant-pot',
		title: 'Terracotta Plant Pot',
		description:
			'A classic 15 cm pot of unglazed Italian terracotta with a drainage hole and matching saucer. Breathable clay helps prevent root rot.',
		priceMinor: 1600,
		inventory: 180,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'snake-plant-in-ceramic-pot',
		title: 'Snake Plant in Ceramic Pot',
		description:
			'A hardy sansevieria around 50 cm tall, potted in a matte white ceramic planter. Happy in low light and only needs water every few weeks.',
		priceMinor: 4200,
		inventory: 14,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'brass-plant-mister',
		title: 'Brass Plant Mister',
		description:
			'A 250 ml mister in solid brass with a fine, even spray for ferns, orchids and other humidity lovers. Pretty enough to leave on the windowsill.',
		priceMinor: 3200,
		inventory: 3,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'golden-pothos-hanging-basket',
		title: 'Golden Pothos Hanging Basket',
		description:
			'A full, trailing pothos in a 20 cm hanging basket with long vines already spilling over the edge. Easy care and forgiving of the odd missed watering.',
		priceMinor: 3600,
		inventory: 0,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'japanese-pruning-shears',
		title: 'Japanese Pruning Shears',
		description:
			'Forged carbon steel secateurs with a clean bypass cut for stems up to 2 cm thick. Comfortable handles and a simple safety catch. Wipe and oil the blades after use.',
		priceMinor: 4800,
		inventory: 46,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'heirloom-herb-seed-collection',
		title: 'Heirloom Herb Seed Collection',
		description:
			'Six packets of open-pollinated seeds: basil, parsley, chives, dill, coriander and thyme. Each packet includes sowing and growing notes.',
		priceMinor: 1400,
		inventory: 150,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'macrame-plant-hanger',
		title: 'Macrame Plant Hanger',
		description:
			'A hand-knotted cotton hanger about 100 cm long that cradles pots up to 18 cm wide. Comes with a wooden ring for hanging from a hook.',
		priceMinor: 2600,
		inventory: 73,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'galvanized-watering-can',
		title: 'Galvanized Watering Can',
		description:
			'A 5 litre can of galvanized steel with a long spout and removable brass rose. Rust resistant and built to last for years in the garden.',
		priceMinor: 4400,
		inventory: 31,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'organic-potting-mix',
		title: 'Organic Potting Mix',
		description:
			'A peat-free blend of coir, compost and perlite for healthy indoor plants. Drains well but holds enough moisture between waterings. Supplied in a 5 litre bag.',
		priceMinor: 1200,
		inventory: 220,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'ceramic-self-watering-planter',
		title: 'Ceramic Self-watering Planter',
		description:
			'A glazed planter with a hidden reservoir that wicks water up to the roots. Fits plants in pots up to 14 cm. Top up about once a fortnight.',
		priceMinor: 3800,
		inventory: 24,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'fiddle-leaf-fig',
		title: 'Fiddle Leaf Fig',
		description:
			'A statement ficus lyrata about 90 cm tall with big, glossy violin-shaped leaves. Likes bright indirect light and a steady spot away from drafts. Delivered in a 21 cm grow pot.',
		priceMinor: 8900,
		inventory: 2,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'ash-handle-hand-trowel',
		title: 'Ash Handle Hand Trowel',
		description:
			'A stainless steel trowel with depth markings and a smooth ash wood handle. Made for potting up, planting bulbs and everyday digging.',
		priceMinor: 2800,
		inventory: 60,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'waxed-canvas-garden-apron',
		title: 'Waxed Canvas Garden Apron',
		description:
			'A water-resistant apron with deep pockets for tools, twine and seed packets. Cross-back straps spread the weight comfortably. Wipe clean.',
		priceMinor: 5200,
		inventory: 19,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'copper-plant-markers-set-of-10',
		title: 'Copper Plant Markers (Set of 10)',
		description:
			'Ten copper markers you can write on with a ballpoint pen to emboss the name. They weather to a soft green patina outdoors.',
		priceMinor: 1900,
		inventory: 95,
		collectionSlug: 'plants-garden'
	},
	{
		slug: 'glass-propagation-station',
		title: 'Glass Propagation Station',
		description:
			'Three glass bulbs in a simple oak frame for rooting cuttings in water. Watch the roots grow before potting them up. Rinse the glass between cuttings.',
		priceMinor: 3400,
		inventory: 4,
		collectionSlug: 'plants-garden'
	}
];

export const demoReviewers: { firstName: string; lastName: string }[] = [
	{ firstName: 'Maya', lastName: 'Okafor' },
	{ firstName: 'Daniel', lastName: 'Lindqvist' },
	{ firstName: 'Priya', lastName: 'Raman' },
	{ firstName: 'Tom', lastName: 'Becker' },
	{ firstName: 'Sofia', lastName: 'Marquez' },
	{ firstName: 'Hiroshi', lastName: 'Tanaka' },
	{ firstName: 'Grace', lastName: 'Whitfield' },
	{ firstName: 'Liam', lastName: "O'Connell" },
	{ firstName: 'Amara', lastName: 'Nwosu' },
	{ firstName: 'Jonas', lastName: 'Keller' },
	{ firstName: 'Elena', lastName: 'Petrova' },
	{ firstName: 'Marcus', lastName: 'Reid' },
	{ firstName: 'Chloe', lastName: 'Dubois' },
	{ firstName: 'Samir', lastName: 'Haddad' },
	{ firstName: 'Hannah', lastName: 'Kowalski' },
	{ firstName: 'Diego', lastName: 'Fernandes' },
	{ firstName: 'Nora', lastName: 'Fitzgerald' },
	{ firstName: 'Kwame', lastName: 'Mensah' },
	{ firstName: 'Isla', lastName: 'Campbell' },
	{ firstName: 'Wei', lastName: 'Zhang' },
	{ firstName: 'Freya', lastName: 'Andersen' },
	{ firstName: 'Mateo', lastName: 'Rossi' },
	{ firstName: 'Zoe', lastName: 'Nakamura' },
	{ firstName: 'Ben', lastName: 'Abernathy' }
];

export const demoReviewTexts: Record<1 | 2 | 3 | 4 | 5, string[]> = {
	1: [
		'Arrived damaged and the replacement took weeks. Really disappointed.',
		'Looked nothing like the photos once it was out of the box. Sent it back.',
		'Stopped working properly after a couple of weeks of normal use.',
		'Poorly finished, with rough edges and a strange smell. Not worth the money.',
		'I wanted to love this, but the quality just is not there.',
		'Much smaller and flimsier than I expected. Would not buy again.',
		'Took almost a month to arrive and was missing a part.'
	],
	2: [
		'It does the job, but it feels cheaper than the price suggests.',
		'The colour was quite a bit off from the pictures. Keeping it, but meh.',
		'Nice idea, but the finish started wearing after a few weeks.',
		'Fine for occasional use. I expected better for what I paid.',
		'Looks good, but it is awkward to use day to day.',
		'Smaller than I imagined and the packaging was excessive.',
		'Had to contact support about a defect. They were helpful, the product less so.'
	],
	3: [
		'Decent overall. Nothing special, but nothing wrong with it either.',
		'Good quality, though a little pricey for what it is.',
		'Does what it says. Shipping was slower than I hoped.',
		'I like it, but I am not sure I would buy it again at full price.',
		'Solid enough. The colour is a touch darker than it looks online.',
		'Perfectly okay. It has grown on me a bit over time.',
		'Works fine, but the instructions could be clearer.'
	],
	4: [
		'Really nice quality and it arrived quickly. Just a little smaller than expected.',
		'Very happy with this. It looks great and feels well made.',
		'Lovely design and good value. Knocked off one star for the slow delivery.',
		'Use it almost every day now. Would happily buy again.',
		'Great little upgrade. The finish is even nicer in person.',
		'Well made and thoughtfully packaged. Minor scuff on arrival but nothing major.',
		'Bought it as a gift and ended up getting one for myself too.'
	],
	5: [
		'Absolutely love it. Beautifully made and worth every penny.',
		'Exactly as described and even better in person. Fast shipping too.',
		'This has become one of my favourite things in the house.',
		'Gorgeous quality. You can tell real care went into making it.',
		'Bought one for a friend and she loved it. Already ordering another.',
		'Perfect in every way. Packaged with care and arrived in two days.',
		'Simple, well made and a pleasure to use every day. Highly recommend.',
		'Better than I hoped. This shop never disappoints.'
	]
};

/** Where the demo shop ships, for how much, and from which subtotal for free. */
export const demoShippingMethods = [
	{
		name: 'Standard',
		priceMinor: 495,
		freeAboveMinor: 7500,
		countries: ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'CH', 'DK', 'SE', 'NO', 'PL', 'PT', 'AU', 'NZ', 'JP'],
		position: 0
	},
	{ name: 'Express', priceMinor: 1495, freeAboveMinor: null, countries: ['US', 'CA', 'GB', 'DE', 'FR', 'NL'], position: 1 }
];

/** A demo product sold in options: its options, then each variant's values (in option order), stock and own price if any. */
export type DemoOptions = { options: { name: string; values: string[] }[]; variants: [values: string[], inventory: number, priceMinor?: number][] };

export const demoOptions: Record<string, DemoOptions> = {
	'waxed-canvas-garden-apron': {
		options: [{ name: 'Size', values: ['Small', 'Medium', 'Large'] }],
		variants: [[['Small'], 6], [['Medium'], 0], [['Large'], 9, 5800]]
	},
	'hand-thrown-stoneware-mug': {
		options: [{ name: 'Glaze', values: ['Sage', 'Clay', 'Ink'] }],
		variants: [[['Sage'], 14], [['Clay'], 0], [['Ink'], 3]]
	},
	'wool-hiking-socks': {
		options: [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }],
		variants: [[['S'], 20], [['M'], 35], [['L'], 0], [['XL'], 4]]
	},
	'merino-beanie': {
		options: [{ name: 'Colour', values: ['Oat', 'Forest', 'Charcoal'] }],
		variants: [[['Oat'], 12], [['Forest'], 7], [['Charcoal'], 0]]
	},
	'packable-down-blanket': {
		options: [{ name: 'Colour', values: ['Forest', 'Charcoal', 'Rust'] }],
		variants: [[['Forest'], 0], [['Charcoal'], 6], [['Rust'], 3]]
	},
	'linen-cushion-cover': {
		options: [
			{ name: 'Colour', values: ['Sage', 'Clay'] },
			{ name: 'Size', values: ['Square', 'Lumbar'] }
		],
		variants: [[['Sage', 'Square'], 8], [['Sage', 'Lumbar'], 0, 3600], [['Clay', 'Square'], 5], [['Clay', 'Lumbar'], 2, 3600]]
	}
};
