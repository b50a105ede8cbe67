import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
// Below this a compressed body saves less than the work costs.
const MIN_BYTES = 1024;
// Brotli's quality 5 compresses a catalog page about as fast as gzip and a tenth smaller; 11 takes forty times as long.
const BROTLI_QUALITY = 5;

/** A body kept for many requests, with the compressed forms made once (none when it is too small to gain). */
export type EncodedBody = { plain: Buffer; gzip?: Buffer; br?: Buffer };

/** Makes the gzip and brotli forms of a body that is served many times (off the main thread). */
export async function encodeOnce(plain: Buffer): Promise<EncodedBody> {
	if (plain.length < MIN_BYTES) return { plain };
	const [gz, br] = await Promise.all([
		gzipAsync(plain, { level: 6 }),
		brotliAsync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
	]);
	return { plain, gzip: gz, br };
}

/** Which encodings the request accepts (a `;q=0` refuses one). */
function accepted(request: Request): { gzip: boolean; br: boolean } {
	const header = request.headers.get('accept-encoding') ?? '';
	const allows = (name: string) => header.split(',').some((part) => {
		const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
		return coding === name && !params.some((p) => /^q=0(\.0*)?$/.test(p));
	});
	return { gzip: allows('gzip'), br: allows('br') };
}

/**
 * The form of a kept body this request should get (brotli, then gzip, then plain), with
 * `content-encoding` and `vary` set on `headers` to match.
 */
export function chooseForm(request: Request, body: EncodedBody, headers: Headers): Buffer {
	if (!body.gzip && !body.br) return body.plain;
	headers.append('vary', 'Accept-Encoding');
	const accepts = accepted(request);
	if (body.br && accepts.br) {
		headers.set('content-encoding', 'br');
		return body.br;
	}
	if (body.gzip && accepts.gzip) {
		headers.set('content-encoding', 'gzip');
		return body.gzip;
	}
	return body.plain;
}

/**
 * Gzips a JSON response made for this request alone, for a client that accepts it: catalog
 * pulls are mostly repeated keys and words, so they shrink several times over on a
 * shopper's mobile connection. Responses already encoded (from the read cache) pass as they are.
 */
export async function compressed(request: Request, response: Response): Promise<Response> {
	if (!accepted(request).gzip || response.headers.has('content-encoding') || !response.body) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (body.length < MIN_BYTES) return new Response(body, { status: response.status, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(new Uint8Array(await gzipAsync(body, { level: 6 })), { status: response.status, headers });
}
