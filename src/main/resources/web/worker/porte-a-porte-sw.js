// Service worker of the canvassing page (/terrain/porte-a-porte). It keeps in the phone's cache
// what the page needs to open and work without network: the page, its scripts and style, Leaflet,
// the canvasser's turfs and the consent notice. Network first (fresh data when there is signal),
// the cached copy when the network fails. Outcomes are not its business: the page keeps them in
// IndexedDB and sends them itself (the worker only deletes those already sent, when someone signs out).
//
// A new name for each version whose cached files change: activating it drops the older caches (after taking over the
// turfs they kept), so that no phone keeps an old page or script once it has had network. A version takes over only
// with every file of the page in its cache (install). The server writes the version in place of the mark: a digest of
// this script and of the files SHELL lists (CanvassRoutes.script), so any change to them is a new version.
const PREFIX = 'terrain-porte-a-porte-';
const CACHE = PREFIX + '@VERSION@';
const PAGE = '/terrain/porte-a-porte';
const SHELL = [
  PAGE,
  '/assets/porte-a-porte.js',
  '/assets/infobulle.js',
  '/assets/porte-a-porte.css',
  '/webjars/leaflet/1.9.4/dist/leaflet.js',
  '/webjars/leaflet/1.9.4/dist/leaflet.css',
];
const TURFS = '/api/field/turfs';
// How long the network may keep silent before the phone's copy is shown (one bar of signal in a stairwell: the request
// neither fails nor answers). The network's answer, when it comes, still refreshes the copy.
const SLOW_MS = 4000;
const DATA = [TURFS, '/api/field/notice'];

self.addEventListener('install', event => {
  // From the server, not the browser's HTTP cache: a new worker must not keep the old script. All or nothing: a file
  // that does not come (the signal drops, a server error, a redirect to the sign-in page) fails the install, and
  // nothing is written. The browser then keeps the version in place, and its whole cache, and tries again at a later
  // opening of the page; a first install tries again at the next one (ADR 0008).
  event.waitUntil(Promise.all(SHELL.map(url => fetch(url, {credentials: 'same-origin', cache: 'reload'}).then(r => {
    if (!r.ok || r.redirected) throw new Error(url + ': ' + (r.redirected ? 'redirected' : r.status));
    return r;
  })))
    .then(responses => caches.open(CACHE).then(cache => Promise.all(responses.map((r, i) => cache.put(SHELL[i], r)))))
    .then(() => self.skipWaiting()));
});

// Activation follows only an install that succeeded, so this version's cache holds the whole shell before an older
// cache is deleted (a sign-out in between empties every cache, the older ones too).
self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith(PREFIX) && k !== CACHE).map(takeOver)))
    .then(() => self.clients.claim()));
});

/** An older version's cache: its turfs and notice move to this version's (a phone updated just before a basement still opens them), the rest goes. */
async function takeOver(name) {
  const older = await caches.open(name);
  const cache = await caches.open(CACHE);
  for (const request of await older.keys()) {
    if (!DATA.some(p => new URL(request.url).pathname.startsWith(p)) || await cache.match(request)) continue;
    const copy = await older.match(request);
    if (copy) await cache.put(request, copy);
  }
  await caches.delete(name);
}

function kept(url) {
  if (url.origin !== self.location.origin) return false;
  return SHELL.includes(url.pathname) || DATA.some(p => url.pathname === p || url.pathname.startsWith(p + '/'));
}

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!kept(url)) return;
  const key = url.pathname === PAGE ? PAGE : url.pathname + url.search;
  const asked = forgotten; // an answer arriving after a sign-out is not kept
  const network = fetch(request).then(response => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      event.waitUntil(afterForgetting().then(() => asked === forgotten ? caches.open(CACHE).then(cache => cache.put(key, copy)) : null));
      if (url.pathname === TURFS) event.waitUntil(response.clone().json().then(forgetTurfsBut).catch(() => null));
    } else if (response.status === 403 || response.status === 404) {
      // no longer this account's (a turf taken back or deleted): the phone forgets its copy
      event.waitUntil(caches.open(CACHE).then(cache => cache.delete(key)));
    }
    return response;
  });
  event.waitUntil(network.catch(() => null)); // a late answer still refreshes the copy
  const cached = () => caches.open(CACHE).then(cache => cache.match(key));
  event.respondWith((async () => {
    try {
      const first = await Promise.race([network, new Promise(resolve => setTimeout(resolve, SLOW_MS, null))]);
      if (first) return first;
      // the network keeps silent: the phone's copy if there is one, else its answer after all
      return (await cached()) || await network;
    } catch (e) {
      return (await cached()) || missing(url);
    }
  })());
});

/** The server's list of the account's turfs is the whole of them: a turf it no longer lists leaves the phone. */
function forgetTurfsBut(list) {
  const listed = new Set(list.map(t => TURFS + '/' + t.id));
  return caches.open(CACHE).then(cache => cache.keys().then(requests => Promise.all(requests
    .filter(r => {
      const path = new URL(r.url).pathname; // /api/field/turfs/ID, or /api/field/turfs/ID/feuille.pdf
      return path.startsWith(TURFS + '/') && !listed.has(path.split('/').slice(0, 5).join('/'));
    })
    .map(r => cache.delete(r)))));
}

/** Offline and not on the phone yet: the page gets a page that says so, the data an error the page shows. */
function missing(url) {
  if (url.pathname === PAGE) {
    return new Response('<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport"'
      + ' content="width=device-width, initial-scale=1"><title>Hors ligne — Terrain</title><body style="font-family:'
      + 'sans-serif;padding:1rem"><h1>Hors ligne</h1><p>Cette page n\'est pas encore sur ce téléphone (ou vous vous êtes'
      + ' déconnecté). Ouvrez-la une fois avec du réseau, connecté : elle marchera ensuite sans.</p></body></html>',
      {status: 503, headers: {'Content-Type': 'text/html; charset=utf-8'}});
  }
  return new Response(JSON.stringify({error: 'hors ligne, et pas encore en cache sur ce téléphone'}),
    {status: 503, headers: {'Content-Type': 'application/json'}});
}

// Signing out, from this page or any other, ends on the sign-in page, which asks the worker to forget (as this page
// does): on a shared phone, the next person must find no turf (addresses) and no door already sent (the outcomes and
// opinions of addresses). The doors not sent yet stay, for their canvasser's next sign-in: losing one is worse.
let forgetting = Promise.resolve();
let forgotten = 0; // how many times: a request made before the last one keeps nothing
const afterForgetting = () => forgetting.catch(() => null);

self.addEventListener('message', event => {
  if (event.data !== 'forget') return;
  forgotten++;
  forgetting = afterForgetting().then(() => Promise.all([
    caches.keys().then(keys => Promise.all(keys.filter(k => k.startsWith(PREFIX)).map(k => caches.delete(k)))),
    forgetSentDoors()]));
  event.waitUntil(forgetting);
});

/** The page's outbox (IndexedDB), as the page opens it: the items the server already has are deleted. */
function forgetSentDoors() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('terrain-porte-a-porte', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('outbox', {keyPath: 'client_id'}).createIndex('turf', 'turf_id');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const t = db.transaction('outbox', 'readwrite');
      const all = t.objectStore('outbox').getAll();
      all.onsuccess = () => { for (const item of all.result) if (item.sent) t.objectStore('outbox').delete(item.client_id); };
      t.oncomplete = () => { db.close(); resolve(); };
      t.onerror = () => { db.close(); reject(t.error); };
    };
  });
}
