/**
 * Names the tabs and the service worker must agree on, kept in one place: if one side
 * changed a name alone, a tab and the worker would both push the same outbox.
 */

/** The Web Lock held by the tab that syncs (see `leader.ts`); the worker pushes only while no tab holds it. */
export const SYNC_LOCK = 'store-sync';

/** The channel on which a browser's tabs tell each other what changed. */
export const TABS_CHANNEL = 'store-sync';

/** The Background Sync tag a tab registers after queueing a change; the service worker answers it. */
export const OUTBOX_SYNC_TAG = 'store-outbox';
