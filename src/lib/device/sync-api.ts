import { api } from '$lib/api';
import type { PullResult, PushInput, PushResult, SnapshotManifest, SnapshotPart } from '$lib/shared/sync';

/** What the sync engine needs from the server; tests pass their own. */
export type SyncApi = {
	pull(input: { cursor: string | null; limit?: number; clientGroupId?: string }): Promise<PullResult>;
	push(input: PushInput): Promise<PushResult>;
	/** The first catalog load in cacheable parts; without it the first load is pulled like any other. */
	snapshot?: {
		manifest(): Promise<SnapshotManifest>;
		part(input: { version: number; parts: number; part: number }): Promise<SnapshotPart>;
	};
};

export const httpSyncApi: SyncApi = {
	pull: (input) => api.sync.pull.query(input),
	push: (input) => api.sync.push.mutate(input),
	snapshot: {
		manifest: () => api.sync.snapshot.query({}) as Promise<SnapshotManifest>,
		part: (input) => api.sync.snapshot.query(input) as Promise<SnapshotPart>
	}
};
