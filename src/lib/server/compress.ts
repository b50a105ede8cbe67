import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
// Below this a compressed body saves less than the work costs.
const MIN_BYTES = 1024;

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
	return new Response(await gzipAsync(body, { level: 6 }), { status: response.status, headers });
}
