import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed } from './compress';

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

	it('compresses a body with an ETag once, and a different body under another ETag afresh', async () => {
		const tagged = (body: string, etag: string) => new Response(body, { headers: { 'content-type': 'application/json', etag } });
		const first = Buffer.from(await (await compressed(request('gzip'), tagged(big, 'W/"a"'))).arrayBuffer());
		const again = Buffer.from(await (await compressed(request('gzip'), tagged(big, 'W/"a"'))).arrayBuffer());
		expect(again.equals(first)).toBe(true);
		const other = big.replace('Walnut', 'Cherry');
		const changed = await compressed(request('gzip'), tagged(other, 'W/"b"'));
		expect(gunzipSync(Buffer.from(await changed.arrayBuffer())).toString()).toBe(other);
	});
});
