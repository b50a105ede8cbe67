import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules that no type checker enforces: no import cycles under src/ and server/,
// and code that runs in the browser takes nothing but types from server/.

const root = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|js|svelte)$/;
const SKIP = /\.spec\.ts$|\.d\.ts$/;

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return walk(full);
		return SOURCE.test(entry.name) && !SKIP.test(entry.name) ? [full] : [];
	});
}

type Import = { target: string; typeOnly: boolean; dynamic: boolean };

/** The imports of one file: static ones (value or type-only) and dynamic `import()`s. */
function importsOf(code: string): { spec: string; typeOnly: boolean; dynamic: boolean }[] {
	const found: { spec: string; typeOnly: boolean; dynamic: boolean }[] = [];
	const statics = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
	for (const m of code.matchAll(statics)) {
		if (m[5]) found.push({ spec: m[5], typeOnly: false, dynamic: false });
		else {
			// Only `import type` is: `import { type A }` keeps the module as a side-effect import (verbatimModuleSyntax).
			found.push({ spec: m[4]!, typeOnly: Boolean(m[2]), dynamic: false });
		}
	}
	for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false, dynamic: true });
	return found;
}

function resolve(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
	else if (spec.startsWith('$lib/')) base = path.join(root, 'src/lib', spec.slice(5));
	else if (spec === '$lib') base = path.join(root, 'src/lib/index');
	else if (spec.startsWith('$server/')) base = path.join(root, 'server', spec.slice(8));
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.svelte`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** A file's code as far as imports go: a component's scripts. */
function codeOf(file: string): string {
	const code = fs.readFileSync(file, 'utf8');
	return file.endsWith('.svelte') ? [...code.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : code;
}

function graph(): Map<string, Import[]> {
	const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'server'))];
	return new Map(
		files.map((file) => {
			const imports = importsOf(codeOf(file)).flatMap(({ spec, typeOnly, dynamic }) => {
				const target = resolve(file, spec);
				return target ? [{ target, typeOnly, dynamic }] : [];
			});
			return [file, imports];
		})
	);
}

/** Every cycle of value imports (static or dynamic), each as the list of files around it. */
function cycles(edges: Map<string, Import[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const { target, typeOnly } of edges.get(file) ?? []) {
			if (typeOnly) continue;
			if (state.get(target) === 'open') found.push(stack.slice(stack.indexOf(target)).concat(target));
			else if (!state.has(target)) visit(target);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of edges.keys()) if (!state.has(file)) visit(file);
	return found;
}

/** Code that runs in the browser: everything under src/ but the server's own modules. */
const runsInBrowser = (file: string) => {
	const rel = path.relative(root, file).split(path.sep).join('/');
	return rel.startsWith('src/') && !rel.startsWith('src/lib/server/') && !/(^|\/)(hooks\.server\.ts|\+server\.ts|\+[a-z]+\.server\.ts)$/.test(rel);
};

const show = (files: string[]) => files.map((f) => path.relative(root, f)).join(' → ');

describe('the house rules', () => {
	const edges = graph();

	it('reads the imports it checks', () => {
		expect(importsOf(`import a from './a';\nimport type { B } from "./b";\nimport { type C, type D } from './c';\nexport { e } from './e';\nconst f = import('./f');`)).toEqual([
			{ spec: './a', typeOnly: false, dynamic: false },
			{ spec: './b', typeOnly: true, dynamic: false },
			{ spec: './c', typeOnly: false, dynamic: false },
			{ spec: './e', typeOnly: false, dynamic: false },
			{ spec: './f', typeOnly: false, dynamic: true }
		]);
		expect(cycles(new Map([['a', [{ target: 'b', typeOnly: false, dynamic: false }]], ['b', [{ target: 'a', typeOnly: false, dynamic: true }]]]))).toEqual([['a', 'b', 'a']]);
		expect(edges.size).toBeGreaterThan(100);
	});

	it('has no import cycle under src/ and server/', () => {
		expect(cycles(edges).map(show)).toEqual([]);
	});

	it('lets browser code take only types from server/', () => {
		const serverDir = path.join(root, 'server') + path.sep;
		const leaks = [...edges].flatMap(([file, imports]) =>
			runsInBrowser(file) ? imports.filter((i) => i.target.startsWith(serverDir) && !i.typeOnly).map((i) => show([file, i.target])) : []
		);
		expect(leaks).toEqual([]);
	});

	it('lets the admin pages reach the services only through the admin procedures', () => {
		const adminPages = path.join(root, 'src/routes/admin') + path.sep;
		const services = path.join(root, 'server/services') + path.sep;
		const direct = [...edges].flatMap(([file, imports]) =>
			file.startsWith(adminPages) ? imports.filter((i) => i.target.startsWith(services)).map((i) => show([file, i.target])) : []
		);
		expect(direct).toEqual([]);
	});

	it("keeps the device's working half (Dexie and what uses it) out of the code every page loads: the entry and the domain stores take only types from it", () => {
		const deviceDir = path.join(root, 'src/lib/device');
		const stores = fs.readdirSync(deviceDir).filter((f) => f.endsWith('.svelte.ts')).map((f) => path.join(deviceDir, f));
		expect(stores.map((f) => path.basename(f))).toContain('cart.svelte.ts');
		const loaded = new Set<string>();
		const visit = (file: string) => {
			if (loaded.has(file)) return;
			loaded.add(file);
			for (const i of edges.get(file) ?? []) if (!i.typeOnly && !i.dynamic) visit(i.target);
		};
		stores.forEach(visit);
		const withDexie = [...loaded].filter((file) => importsOf(codeOf(file)).some((i) => i.spec === 'dexie' && !i.typeOnly));
		expect(withDexie.map((f) => path.relative(root, f))).toEqual([]);
	});
});
