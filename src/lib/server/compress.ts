import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';

const gzipAsync = promisify(gzip);
// Below this a compressed body saves less than the work costs.
const MIN_BYTES = 1024;

/**
 * Gzipped bodies of public reads by their ETag (a hash of the body): the same catalog page
 * asked for by a crowd is compressed once, not once per request.
 */
const byEtag = new LRUCache<string, Buffer>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (b) => b.length || 1 });

/**
 * Gzips a JSON response for a client that accepts it: catalog pulls are mostly repeated
 * keys and words, so they shrink several times over on a shopper's mobile connection.
 */
export async function compressed(request: Request, response: Response): Promise<Response> {
	const accepts = request.headers.get('accept-encoding') ?? '';
	if (!/\bgzip\b/.test(accepts) || response.headers.has('content-encoding') || !response.body) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (body.length < MIN_BYTES) return new Response(body, { status: response.status, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	const etag = response.status === 200 ? response.headers.get('etag') : null;
	let zipped = etag ? byEtag.get(etag) : undefined;
	if (!zipped) {
		zipped = await gzipAsync(body, { level: 6 });
		if (etag) byEtag.set(etag, zipped);
	}
	return new Response(new Uint8Array(zipped), { status: response.status, headers });
}
