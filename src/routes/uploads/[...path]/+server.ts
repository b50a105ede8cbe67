import fs from 'node:fs/promises';
import path from 'node:path';
import { error } from '@sveltejs/kit';
import { uploadsDir } from '$server/services/admin/catalog';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** Images admins uploaded, from `DATA_DIR/uploads`. Names are random and never reused, so they cache forever. */
export const GET: RequestHandler = async ({ params }) => {
	const match = /^products\/([0-9a-f-]{36})\.(png|jpg|webp)$/.exec(params.path);
	if (!match) error(404, 'No such image');
	let bytes: Buffer;
	try {
		bytes = await fs.readFile(path.join(uploadsDir(), 'products', `${match[1]}.${match[2]}`));
	} catch {
		error(404, 'No such image');
	}
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': TYPES[match[2]!]!,
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff'
		}
	});
};
