import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseForm, compressed, encodeOnce } from './compress';

const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: 'Walnut Serving Board' })) });
const request = (encoding?: string) => new Request('http://shop.test/api/trpc/x', { headers: encoding ? { 'accept-encoding': encoding } : {} });
const json = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('compressed', () => {
	it('gzips a large body for a client that accepts gzip, keeping status and type', async () => {
		const response = await compressed(request('gzip, deflate, br'), json(big, 400));
		expect(response.status).toBe(400);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-type')).toBe('application/json');
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.length).toBeLessThan(big.length / 5);
		expect(gunzipSync(body).toString()).toBe(big);
	});

	it('leaves small bodies and clients without gzip alone', async () => {
		const small = await compressed(request('gzip'), json('{"ok":true}'));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('{"ok":true}');
		const plain = await compressed(request(), json(big));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(big);
	});

	it('leaves an answer that is already encoded as it is', async () => {
		const encoded = new Response(big, { headers: { 'content-encoding': 'br' } });
		expect(await compressed(request('gzip'), encoded)).toBe(encoded);
	});
});

describe('kept bodies', () => {
	it('are compressed once into gzip and brotli, and each request gets the best form it accepts', async () => {
		const body = await encodeOnce(Buffer.from(big));
		expect(gunzipSync(body.gzip!).toString()).toBe(big);
		expect(brotliDecompressSync(body.br!).toString()).toBe(big);
		const formFor = (encoding?: string) => {
			const headers = new Headers();
			const form = chooseForm(request(encoding), body, headers);
			return { form, encoding: headers.get('content-encoding'), vary: headers.get('vary') };
		};
		expect(formFor('gzip, deflate, br')).toEqual({ form: body.br, encoding: 'br', vary: 'Accept-Encoding' });
		expect(formFor('gzip')).toEqual({ form: body.gzip, encoding: 'gzip', vary: 'Accept-Encoding' });
		expect(formFor('br;q=0, gzip')).toEqual({ form: body.gzip, encoding: 'gzip', vary: 'Accept-Encoding' });
		expect(formFor()).toEqual({ form: body.plain, encoding: null, vary: 'Accept-Encoding' });
	});

	it('are kept plain when small', async () => {
		const body = await encodeOnce(Buffer.from('{"ok":true}'));
		expect(body).toEqual({ plain: Buffer.from('{"ok":true}') });
		const headers = new Headers();
		expect(chooseForm(request('br'), body, headers).toString()).toBe('{"ok":true}');
		expect(headers.get('content-encoding')).toBeNull();
	});
});
