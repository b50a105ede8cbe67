import type { SessionUser } from '../auth/session';
import type { Database } from '../db/client';
import { pull, push, snapshot } from '../services/sync';
import { pullInput, pushInput, snapshotInput, type SnapshotManifest, type SnapshotPart } from '../../src/lib/shared/sync';
import type { SyncApi } from '../../src/lib/device/sync-api';

/** What a test can make go wrong between the device and the server. */
export type SyncFaults = { loseNextPushReply?: boolean; offline?: boolean };

/**
 * The server's own sync services behind the device's API, as one user (or a visitor), with
 * the input parsed as the HTTP handler parses it: for device tests without a server.
 */
export function serverSyncApi(database: Database, user: () => SessionUser | null, faults: SyncFaults = {}): SyncApi {
	const reachable = () => {
		if (faults.offline) throw new TypeError('Failed to fetch');
	};
	return {
		pull: async (input) => (reachable(), pull(database.db, user(), pullInput.parse(input))),
		async push(input) {
			reachable();
			const result = await push(database.db, user(), pushInput.parse(input));
			if (faults.loseNextPushReply) {
				faults.loseNextPushReply = false;
				throw new Error('connection reset after the server applied the push');
			}
			return result;
		},
		snapshot: {
			manifest: async () => (reachable(), (await snapshot(database.db, snapshotInput.parse({}))) as SnapshotManifest),
			part: async (input) => (reachable(), (await snapshot(database.db, snapshotInput.parse(input))) as SnapshotPart)
		}
	};
}
