// Service worker of the canvassing page (/terrain/porte-a-porte). It keeps in the phone's cache
// what the page needs to open and work without network: the page, its script and style, Leaflet,
// the canvasser's turfs and the consent notice. Network first (fresh data when there is signal),
// the cached copy when the network fails. Outcomes are not its business: the page keeps them in
// IndexedDB and sends them itself.
const CACHE = 'terrain-porte-a-porte-v1';
const PAGE = '/terrain/porte-a-porte';
const SHELL = [
  PAGE,
  '/assets/porte-a-porte.js',
  '/assets/porte-a-porte.css',
  '/webjars/leaflet/1.9.4/dist/leaflet.js',
  '/webjars/leaflet/1.9.4/dist/leaflet.css',
];
const TURFS = '/api/field/turfs';
const DATA = [TURFS, '/api/field/notice'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => Promise.all(SHELL.map(url =>
    fetch(url, {credentials: 'same-origin'}).then(r => r.ok && !r.redirected ? cache.put(url, r) : null).catch(() => null))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith('terrain-porte-a-porte-') && k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

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
  event.respondWith(fetch(request).then(response => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(cache => cache.put(key, copy)));
      if (url.pathname === TURFS) event.waitUntil(response.clone().json().then(forgetTurfsBut).catch(() => null));
    } else if (response.status === 403 || response.status === 404) {
      // no longer this account's (a turf taken back or deleted): the phone forgets its copy
      event.waitUntil(caches.open(CACHE).then(cache => cache.delete(key)));
    }
    return response;
  }).catch(() => caches.open(CACHE).then(cache => cache.match(key)).then(cached => cached || missing(url))));
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

// The page asks the worker to forget every cached copy when the canvasser signs out.
self.addEventListener('message', event => {
  if (event.data === 'forget') event.waitUntil(caches.delete(CACHE));
});
