import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/root';
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

export const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/api/trpc' })] });

export const httpSyncApi: SyncApi = {
	pull: (input) => trpc.sync.pull.query(input),
	push: (input) => trpc.sync.push.mutate(input),
	snapshot: {
		manifest: () => trpc.sync.snapshot.query({}) as Promise<SnapshotManifest>,
		part: (input) => trpc.sync.snapshot.query(input) as Promise<SnapshotPart>
	}
};
