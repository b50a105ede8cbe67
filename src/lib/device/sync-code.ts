// The sync machinery of the device: the mutators (and the zod schemas they check args
// with), the engine, the API client and the server's event stream. The session loads this
// in a step of its own, once it has shown what the device holds, so neither step holds
// the page up for long.
export { MutationRefused } from '$lib/shared/mutations';
export { MAX_PULL } from '$lib/shared/sync';
export { httpSyncApi } from '$lib/device/sync-api';
export { orderRequestNews } from '$lib/device/background';
export { SyncEngine } from '$lib/device/engine';
export { currentIdentity } from '$lib/device/identity';
export { listenForChanges } from '$lib/device/live';
export { mutate, queueOrderRequest, takeBack } from '$lib/device/outbox';
export { TOLD_ONE_BY_ONE, alertNews, alertsNews } from '$lib/shared/alert-news';
export { setWatch } from '$lib/device/watching';
export { followPushWatches, switchPush } from '$lib/device/push';
