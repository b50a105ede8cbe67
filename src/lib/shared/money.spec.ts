import { describe, expect, it } from 'vitest';
import { formatMoney, parseMajorUnits } from './money';

describe('money', () => {
	it('formats minor units in their currency', () => {
		expect(formatMoney(2450, 'USD')).toBe('$24.50');
		expect(formatMoney(0, 'USD')).toBe('$0.00');
		expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
		expect(formatMoney(500, 'JPY')).toBe('¥500');
	});

	it('writes US dollars by hand exactly as Intl does', () => {
		const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
		const amounts = [0, 1, 5, 99, 100, 101, 999, 1000, 99_999, 100_000, 123_456_789, 100_000_000_000, -1, -100, -123_456];
		for (let i = 0; i < 2000; i++) amounts.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
		for (const minor of amounts) expect(formatMoney(minor, 'USD'), String(minor)).toBe(intl.format(minor / 100));
	});

	it('parses what a shopper types into minor units', () => {
		expect(parseMajorUnits('12')).toBe(1200);
		expect(parseMajorUnits('12.5')).toBe(1250);
		expect(parseMajorUnits(' 12,05 ')).toBe(1205);
		expect(parseMajorUnits('12.')).toBe(1200);
		for (const bad of ['', 'abc', '-3', '1.234', '1e3']) expect(parseMajorUnits(bad), bad).toBe(null);
	});
});
