// The offline shell: a page with no server rendering, built once and precached by the
// service worker, which serves it for any page opened with no network. The client router
// then renders the page that was asked for, from the device.
export const prerender = true;
export const ssr = false;
