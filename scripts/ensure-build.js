// Builds the app when build/ is missing or older than any source, so `npm start` and the
// benchmarks always serve the code in front of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const serverEntry = path.join(root, 'build', 'index.js');
const sources = ['src', 'server', 'static', 'drizzle', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} target @returns {number} */
function newestMtime(target) {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
	return newest;
}

export function ensureBuild() {
	const built = fs.statSync(serverEntry, { throwIfNoEntry: false })?.mtimeMs ?? 0;
	if (built >= Math.max(...sources.map((s) => newestMtime(path.join(root, s))))) return;
	console.log('Building the store…');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}
