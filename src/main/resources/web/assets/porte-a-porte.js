// The canvassing page (/terrain/porte-a-porte): my turfs, then one turf's route and its next door,
// one tap per door. Works without network: the service worker keeps the page and the turfs;
// outcomes wait in IndexedDB, each with its own id made here (crypto.randomUUID), and are sent in
// batches when the network is back. An outcome is marked sent only when the server answers that it
// is stored (or already was): a lost answer means sending it again, which the server ignores. A sent
// outcome stays on the phone, so that its door stays done (the turf in memory, or the copy the
// service worker kept, may predate it), until the turf read from the server shows it. Each outcome
// carries the account that recorded it: on a phone shared by two canvassers, the outcomes one has not
// sent yet wait for them to sign in again, instead of being sent (and refused) under the other's session.
(() => {
  'use strict';
  const OUTCOMES = {absent: 'absent', opened: 'ouvert', refused: 'refus', leaflet: 'tract déposé', 'come-back': 'revenir plus tard'};
  const BATCH = 500;
  const RETRY_FIRST_MS = 2000;
  const RETRY_MAX_MS = 60000;
  const ANSWER_WAIT_MS = 30000;
  const $ = id => document.getElementById(id);
  // a turf's sector as the server names it (« 12e », « Concarneau (29039) »); a turf a phone kept from before the server
  // gave names has its number only: an arrondissement as French writes it, 1er, 2e … 20e, a commune by its code
  const sector = t => t.sector_name || (Number(t.arrondissement) > 99 ? 'commune ' + String(t.arrondissement).padStart(5, '0')
    : Number(t.arrondissement) === 1 ? '1er' : t.arrondissement + 'e');
  // (forgotten by the sign-in page: a door recorded before the server says who is signed in has no account, and goes
  // with the first account that sends — never one the phone remembers from before)
  const WHO = 'terrain-porte-a-porte-compte';
  // « Corriger la dernière porte »: the last door recorded on this phone, correctable until the next door is recorded
  // or CORRECT_MS pass (the server allows 15 minutes: docs/adr/0020-correcting-a-door.md)
  const LAST = 'terrain-porte-a-porte-derniere';
  const LOGOUT_PENDING = 'terrain-porte-a-porte-deconnexion'; // signed out offline: to do when the network returns
  const CORRECT_MS = 10 * 60 * 1000;

  let csrf = null;
  let turfs = [];
  let turf = null;          // the open turf, with doors and the server's outcomes
  let chosenDoor = null;    // a door the canvasser picked in the list or on the map, else the next one
  let notice = null;        // {version, text}
  let consentAt = null;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer = null;
  let syncing = null;
  // Refused doors are offered once more at each opening of the page: a server fixed since, or a turf given back, may
  // take them now (one request, refused again otherwise). Within an opening a refusal is final.
  let offerRefusedAgain = true;
  // the signed-in account, as the server last said it (kept for the pages opened offline)
  let who = localStorage.getItem(WHO);
  let role = null;
  // outcomes posted whose answer did not come (yet): the server may hold them, so a correction of one is sent
  const tried = new Set();
  let lastTimer = null;

  // ---- IndexedDB: the outbox of outcomes, not yet stored by the server or sent (sent: true) ----

  const dbReady = new Promise((resolve, reject) => {
    const open = indexedDB.open('terrain-porte-a-porte', 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('outbox', {keyPath: 'client_id'});
      store.createIndex('turf', 'turf_id');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });

  function tx(mode, work) {
    return dbReady.then(db => new Promise((resolve, reject) => {
      const t = db.transaction('outbox', mode);
      const result = work(t.objectStore('outbox'));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    }));
  }
  // Other tabs of this page on the phone hear of each change to the outbox, and count and draw again: otherwise a tab
  // left open on the same turf offers as next a door just recorded in another, and counts doors no longer waiting.
  const tabs = 'BroadcastChannel' in window ? new BroadcastChannel('terrain-porte-a-porte') : null;
  const changed = result => { if (tabs) tabs.postMessage('outbox'); return result; };
  const outbox = () => tx('readonly', s => s.getAll());
  const keep = item => tx('readwrite', s => s.put(item)).then(changed);
  const forget = id => tx('readwrite', s => s.delete(id)).then(changed);
  const unsent = items => items.filter(i => !i.sent);
  /** A correction waiting in the outbox ({kind: 'correction', corrects}), as opposed to a door's outcome. */
  const isCorrection = i => i.kind === 'correction';
  const outcomesOnly = items => items.filter(i => !isCorrection(i));
  /** Recorded by the signed-in account (an outcome of an older version of the page carries no account). */
  const mine = item => !item.by || item.by === who;

  // ---- network ----

  /**
   * A request and the reading of its answer, given up after ANSWER_WAIT_MS: a connection that stalls (one bar of
   * signal, a wifi that drops) never answers, and a sync waiting for it would hold every later one, the button's too.
   */
  async function within(work) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), ANSWER_WAIT_MS);
    try {
      return await work(abort.signal);
    } catch (e) {
      if (e.name === 'AbortError') {
        throw Object.assign(new Error('Le serveur ne répond pas (réseau trop faible ?) : nouvel essai dans un instant.'), {status: 0});
      }
      if (e instanceof TypeError) { // fetch's « Failed to fetch »: no network, or the server unreachable
        throw Object.assign(new Error('Serveur injoignable (pas de réseau ?) : réessayez quand le réseau revient.'), {status: 0});
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  function api(path, options) {
    return within(async signal => {
      const r = await fetch(path, Object.assign({headers: {Accept: 'application/json'}, credentials: 'same-origin', signal}, options));
      if (r.status === 401) throw Object.assign(new Error('Session terminée : reconnectez-vous (vos portes restent sur ce téléphone).'), {status: 401});
      if (!r.ok) {
        let message = 'erreur ' + r.status;
        try { message = (await r.json()).error || message; } catch (e) { /* not JSON */ }
        throw Object.assign(new Error(message), {status: r.status});
      }
      return r.json();
    });
  }

  async function csrfToken(fresh) {
    if (!csrf || fresh) {
      const me = await api('/api/me');
      csrf = me.csrfToken;
      who = me.name;
      role = me.role;
      // an organizer (or the direction) reached this page from the headquarters menu: a way back to it
      $('hq').hidden = !(me.permissions || []).includes('READ_PERSONAL_DATA');
      localStorage.setItem(WHO, who);
      for (const input of document.querySelectorAll('input[name=_csrf]')) input.value = csrf || '';
    }
    return csrf;
  }

  function wire(item) {
    if (isCorrection(item)) return {client_id: item.client_id, corrects: item.corrects, recorded_at: item.recorded_at};
    const o = {client_id: item.client_id, turf_id: item.turf_id, door_id: item.door_id, outcome: item.outcome,
      recorded_at: item.recorded_at};
    if (item.topic) o.topic = item.topic;
    if (item.support_level) { o.support_level = item.support_level; o.consent = item.consent; }
    return o;
  }

  /** Sends what waits, batch after batch; on failure, tries again later, waiting twice as long each time. */
  function sync() {
    if (syncing) return syncing;
    clearTimeout(retryTimer);
    document.body.dataset.sync = 'running';
    syncing = (async () => {
      try {
        await csrfToken(); // who is signed in: only their outcomes are sent
        let sentOnTurf = false;
        const again = new Set(offerRefusedAgain
          ? unsent(await outbox()).filter(i => i.rejected && mine(i)).map(i => i.client_id) : []);
        for (;;) {
          const waiting = unsent(await outbox()).filter(i => (!i.rejected || again.has(i.client_id)) && mine(i))
            .sort((a, b) => a.recorded_at.localeCompare(b.recorded_at));
          if (!waiting.length) break;
          // corrections first: a correction withdraws an outcome already sent, the new outcome follows it
          const corrections = waiting.filter(isCorrection);
          const batch = (corrections.length ? corrections : waiting).slice(0, BATCH);
          const path = corrections.length ? '/api/field/corrections' : '/api/field/outcomes';
          for (const i of batch) again.delete(i.client_id);
          sentOnTurf = sentOnTurf || (!!turf && batch.some(i => i.turf_id === turf.id));
          for (const i of batch) tried.add(i.client_id);
          let r = await post(path, batch, false);
          if (r.status === 403) r = await post(path, batch, true); // the CSRF token of an older session
          if (r.status === 401) throw Object.assign(new Error('Session terminée : reconnectez-vous pour envoyer vos portes.'), {status: 401});
          if (!r.ok) throw new Error('envoi refusé : erreur ' + r.status);
          const answer = r.answer;
          for (const result of answer.results || []) {
            if (result.status === 'stored' || result.status === 'already') {
              const item = batch.find(i => i.client_id === result.client_id);
              if (item) {
                const {rejected, error, ...stored} = item; // refused before, perhaps
                await keep(Object.assign(stored, {sent: true}));
              }
            } else if (result.status === 'rejected') {
              const item = batch.find(i => i.client_id === result.client_id);
              // a correction of a door whose sending was never answered: the server never had it, nothing to withdraw
              if (item && item.maybe) await forget(item.client_id);
              else if (item) await keep(Object.assign({}, item, {rejected: true, error: result.error || 'refusé'}));
            }
          }
        }
        offerRefusedAgain = false;
        if (sentOnTurf) await checkTurfStillOurs();
        retryMs = RETRY_FIRST_MS;
        document.body.dataset.sync = 'idle';
        if ($('message').dataset.kind === 'session') hideMessage(); // only its own: a turf that did not open stays said
      } catch (e) {
        document.body.dataset.sync = 'waiting';
        if (e.status === 401) showMessage(e.message, 'session');
        retryTimer = setTimeout(sync, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } finally {
        syncing = null;
        document.body.dataset.syncs = String(Number(document.body.dataset.syncs || 0) + 1);
        await showPending();
        if (turf) drawTurf();
      }
    })();
    return syncing;
  }

  /** One batch sent: its answer's status, and the answer when it is one. */
  /**
   * Asked once the open turf's doors are sent: a turf the organizer took back or gave to someone else closes, said,
   * rather than taking more doors. The server keeps those recorded until now (its last holder's, for a week).
   */
  async function checkTurfStillOurs() {
    let list;
    try {
      list = await api('/api/field/turfs'); // (the worker then forgets a turf no longer listed)
    } catch (e) {
      return; // no answer: asked again after the next doors
    }
    if (!turf || list.some(t => t.id === turf.id)) return;
    turf = null;
    $('turf').hidden = true;
    showMessage('Cette tournée ne vous est plus attribuée : votre organisateur l\'a reprise ou confiée à quelqu\'un'
      + ' d\'autre. Les portes déjà notées sont gardées ; n\'en notez plus ici.', 'taken');
  }

  async function post(path, batch, freshToken) {
    const token = await csrfToken(freshToken);
    const items = batch.map(wire);
    return within(async signal => {
      const r = await fetch(path, {method: 'POST', credentials: 'same-origin', signal,
        headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': token},
        // the phone's clock as it sends: the server corrects the times of a phone whose clock is wrong
        body: JSON.stringify(Object.assign(path.endsWith('corrections') ? {corrections: items} : {outcomes: items},
          {sent_at: new Date().toISOString()}))});
      return {status: r.status, ok: r.ok, answer: r.ok ? await r.json() : null};
    });
  }

  async function showPending() {
    const all = unsent(await outbox());
    const pending = all.filter(i => !i.rejected && mine(i));
    const others = all.filter(i => !i.rejected && !mine(i));
    const rejected = all.filter(i => i.rejected && mine(i));
    document.body.dataset.pending = String(pending.length);
    document.body.dataset.others = String(others.length);
    $('pending-count').textContent = String(pending.length);
    $('pending-label').textContent = (pending.length > 1 ? 'portes' : 'porte') + ' en attente de synchronisation';
    $('others').hidden = others.length === 0;
    $('others').textContent = others.length === 0 ? '' : others.length + ' porte(s) notée(s) sur ce téléphone par un'
      + ' autre compte : elles partiront quand il se reconnectera ici.';
    $('rejected').hidden = rejected.length === 0;
    $('rejected').textContent = rejected.length === 0 ? '' : rejected.length + ' porte(s) refusée(s) par le serveur : '
      + [...new Set(rejected.map(i => i.error))].join(' ; ');
    return all;
  }

  function showNetwork() {
    const online = navigator.onLine;
    $('network').textContent = online ? 'en ligne' : 'hors ligne';
    $('network').classList.toggle('offline', !online);
  }

  function showMessage(text, kind) {
    $('message').textContent = text;
    $('message').dataset.kind = kind || '';
    if (kind === 'session') {
      // the way back, one tap away: the sign-in page, then this page, whose doors then go
      const again = document.createElement('a');
      // back to the turf that was open (#tournee-12), not to the list
      again.href = '/login?next=' + encodeURIComponent('/terrain/porte-a-porte' + location.hash);
      again.textContent = 'Se reconnecter';
      $('message').append(' ', again);
    }
    $('message').hidden = false;
  }
  function hideMessage() { $('message').hidden = true; }

  // ---- my turfs ----

  async function showList() {
    turf = null;
    document.body.dataset.view = 'list';
    $('title').textContent = 'Mes tournées';
    $('back').hidden = true;
    $('turf').hidden = true;
    $('list').hidden = false;
    let known = true;
    try {
      turfs = await api('/api/field/turfs');
      keepTurfs(turfs);
      if ($('message').dataset.kind !== 'session') hideMessage(); // a turf's « introuvable », left behind
    } catch (e) {
      // offline, the list comes from the phone's copy; without one, say so rather than « no turf »
      showMessage(e.status === 503 ? 'Hors ligne : la liste de vos tournées n\'est pas encore sur ce téléphone ; elle y'
        + ' sera après une ouverture avec du réseau.' : e.message, e.status === 401 ? 'session' : '');
      turfs = [];
      known = false;
    }
    const pending = unsent(await outbox()); // the list's counts of done doors hold the sent ones
    const list = $('turfs');
    list.replaceChildren();
    // an organizer's list is every turf of their sectors: their own first, the others saying who holds them
    // by login (/api/me's name), not the display name the list shows (« Marie Bénévole 1a » is vol1a)
    const own = (t) => !!t.assigned_to && t.assigned_to.login === who;
    const ordered = turfs.slice().sort((a, b) => Number(!own(a)) - Number(!own(b)));
    for (const t of ordered) {
      const local = new Set(pending.filter(i => i.turf_id === t.id).map(i => i.door_id)).size;
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#tournee-' + t.id;
      a.dataset.turf = String(t.id);
      const title = document.createElement('strong');
      // the plan's name too: two plans each have a « Tournée 1 »
      title.textContent = 'Tournée ' + t.number + (t.plan ? ' du plan « ' + t.plan + ' »' : '') + ' · ' + sector(t)
        + ' · bureau ' + (t.stations || []).join(', ');
      const details = document.createElement('span');
      details.textContent = t.door_count + ' portes · ' + Math.round(t.minutes) + ' min · ' + (t.done + local) + ' faites'
        + (t.topic ? ' · sujet : ' + t.topic : '')
        + (own(t) ? '' : ' · ' + (t.assigned_to ? 'confiée à ' + t.assigned_to.name : 'non attribuée'));
      a.append(title, details);
      li.append(a);
      list.append(li);
    }
    $('no-turf').hidden = turfs.length > 0 || !known;
    document.body.dataset.view = 'list-ready';
  }

  /**
   * A canvasser's list is their turfs: each is read now, with network, so that the service worker keeps its doors
   * and the turf opens in a basement even if it was never opened before. (An organizer's list is every turf of their
   * sectors: those open offline once opened with network.)
   */
  function keepTurfs(list) {
    if (!navigator.onLine || role !== 'canvasser' || !navigator.serviceWorker || !navigator.serviceWorker.controller) return;
    for (const t of list) {
      fetch('/api/field/turfs/' + t.id, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}).catch(() => null);
    }
  }

  // ---- one turf ----

  /**
   * A door's label is an address from an imported file: its tooltip is text (assets/infobulle.js), never markup. A phone
   * whose worker predates that file can open this page offline from its cache without it: the map then goes without
   * tooltips (the door's address stays above the buttons) until the new worker has cached it.
   */
  function withTooltip(layer, text) {
    if (window.terrainTooltip) layer.bindTooltip(window.terrainTooltip.asText(text));
    return layer;
  }

  let map = null;
  let routeLayer = null;

  async function showTurf(id) {
    document.body.dataset.view = 'turf';
    $('list').hidden = true;
    $('turf').hidden = false;
    $('back').hidden = false;
    $('conversation').hidden = true;
    chosenDoor = null;
    try {
      turf = await api('/api/field/turfs/' + encodeURIComponent(id));
      await forgetShown(turf);
    } catch (e) {
      // no turf, no door to record: the map and the buttons stay hidden, only the reason shows
      turf = null;
      $('turf').hidden = true;
      showMessage(e.status === 404 ? 'Tournée introuvable, ou qui ne vous est pas attribuée.' : e.message, e.status === 401 ? 'session' : '');
      return;
    }
    hideMessage();
    $('title').textContent = 'Tournée ' + turf.number + ' · ' + sector(turf);
    // the distance as the cutting page writes it (7,3 km), not in metres
    $('turf-summary').textContent = turf.door_count + ' portes, ' + turf.voters + ' électeurs, '
      + (turf.walking_metres / 1000).toLocaleString('fr-FR', {maximumFractionDigits: 1}) + ' km à pied, environ '
      + Math.round(turf.minutes) + ' min. Départ : ' + turf.start.label + '.';
    fillTopics();
    $('walk-list').href = '/api/field/turfs/' + turf.id + '/feuille.pdf';
    if (!map) {
      // No tile layer: the route and the doors are drawn as vectors on a plain background, so the
      // map works the same without network.
      map = L.map('map', {zoomControl: true, attributionControl: false, preferCanvas: false});
    }
    await drawTurf(true);
    document.body.dataset.view = 'turf-ready';
  }

  function fillTopics() {
    const select = $('topic');
    select.replaceChildren();
    const options = [];
    if (turf.topic) options.push([turf.topic, turf.topic + ' (sujet de la tournée)']);
    for (const t of turf.topics || []) if (t !== turf.topic) options.push([t, t]);
    options.push(['autre', 'autre sujet'], ['', 'aucun sujet abordé']);
    for (const [value, label] of options) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
      select.append(o);
    }
    select.value = turf.topic || '';
  }

  /**
   * Sent outcomes the turf read from the server already shows, and sent corrections whose outcome it no longer shows:
   * the phone no longer needs them.
   */
  async function forgetShown(t) {
    const shown = new Set((t.outcomes || []).map(o => o.door_id));
    const ids = new Set((t.outcomes || []).map(o => o.client_id));
    for (const i of await outbox()) {
      if (i.sent && i.turf_id === t.id && (isCorrection(i) ? !ids.has(i.corrects) : shown.has(i.door_id))) {
        await forget(i.client_id);
      }
    }
  }

  async function doneDoors() {
    const items = await outbox();
    // an outcome the phone corrected no longer makes its door done (unless the server refused the correction)
    const withdrawn = new Set(items.filter(i => isCorrection(i) && !i.rejected).map(i => i.corrects));
    const done = new Set((turf.outcomes || []).filter(o => !withdrawn.has(o.client_id)).map(o => o.door_id));
    for (const i of outcomesOnly(items)) if (i.turf_id === turf.id && !i.rejected) done.add(i.door_id);
    return done;
  }

  /** The door the canvasser picked, even one already noted (a return visit, a correction), else the next one to do. */
  function currentDoor(done) {
    if (chosenDoor) return chosenDoor;
    return turf.doors.find(d => !done.has(d.door_id)) || null;
  }

  /** A door picked on the map or in the list, done or not: the next one shown. */
  function choose(door) {
    chosenDoor = door;
    drawTurf(false);
  }

  async function drawTurf(fit) {
    if (!turf) return;
    const done = await doneDoors();
    const door = currentDoor(done);
    if (routeLayer) routeLayer.remove();
    routeLayer = L.layerGroup().addTo(map);
    const start = [turf.start.lat, turf.start.lon];
    const path = [start, ...turf.doors.map(d => [d.lat, d.lon]), start];
    L.polyline(path, {color: '#0c4a8a', weight: 3, opacity: .7}).addTo(routeLayer);
    withTooltip(L.circleMarker(start, {radius: 7, color: '#111', fillColor: '#fff', fillOpacity: 1, weight: 3}),
      'Départ : ' + turf.start.label).addTo(routeLayer);
    // a finger's reach around each door (44 px, invisible), under every door drawn: the dots are 11 px
    for (const d of turf.doors) {
      L.circleMarker([d.lat, d.lon], {radius: 22, stroke: false, fillOpacity: 0, className: 'door-reach'})
        .on('click', () => choose(d)).addTo(routeLayer);
    }
    for (const d of turf.doors) {
      const next = door && d.door_id === door.door_id;
      const isDone = done.has(d.door_id);
      const marker = L.circleMarker([d.lat, d.lon], {radius: next ? 10 : 5, weight: next ? 3 : 1,
        color: next ? '#c2410c' : isDone ? '#9aa5b1' : '#0c4a8a', fillColor: next ? '#f97316' : isDone ? '#cbd5e1' : '#3b82f6',
        fillOpacity: .9, className: next ? 'door-next' : isDone ? 'door-done' : 'door-todo'}).addTo(routeLayer);
      withTooltip(marker, d.position + '. ' + d.label);
      marker.on('click', () => choose(d));
      if (next) marker.bringToFront();
    }
    if (fit) map.fitBounds(L.latLngBounds(path), {padding: [20, 20]});
    $('turf-done').hidden = !!door;
    $('door-label').textContent = door ? door.label : '';
    $('door-rank').textContent = door ? 'Porte ' + door.position + ' sur ' + turf.doors.length
      + (!chosenDoor ? ' · suivante' : done.has(door.door_id) ? ' (choisie, déjà notée : nouvelle visite)' : ' (choisie)') : '';
    $('door-voters').textContent = door ? door.voters + ' électeur' + (door.voters > 1 ? 's' : '') + ' inscrit' + (door.voters > 1 ? 's' : '') : '';
    for (const b of document.querySelectorAll('#outcomes button')) b.disabled = !door;
    showLast();
    document.body.dataset.door = door ? door.door_id : '';
    document.body.dataset.doneDoors = String(done.size);
    const list = $('doors');
    list.replaceChildren();
    for (const d of turf.doors) {
      const li = document.createElement('li');
      li.className = done.has(d.door_id) ? 'done' : door && d.door_id === door.door_id ? 'next' : '';
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = d.label + ' (' + d.voters + ')';
      b.addEventListener('click', () => { choose(d); window.scrollTo(0, 0); });
      li.append(b);
      list.append(li);
    }
  }

  // ---- recording a door ----

  let recording = false; // a double tap records the door once: the second tap comes while the first is being kept
  async function record(outcome, extra) {
    if (recording) return;
    recording = true;
    let door, item;
    try {
      const done = await doneDoors();
      door = currentDoor(done);
      if (!door) return;
      item = Object.assign({client_id: crypto.randomUUID(), turf_id: turf.id, door_id: door.door_id, outcome,
        recorded_at: new Date().toISOString(), by: who}, extra || {});
      await keep(item);
    } finally {
      recording = false;
    }
    // the door just recorded is the one « Corriger » offers; a door with an opinion too: corrected, its opinion and the
    // consent given go (the server erases them, docs/adr/0020-correcting-a-door.md)
    setLast({client_id: item.client_id, turf_id: turf.id, door_id: door.door_id, label: door.label, outcome,
      opinion: !!item.support_level, at: Date.now(), by: who});
    chosenDoor = null;
    await showPending();
    await drawTurf(false);
    showNextDoor();
    if (navigator.onLine) sync();
  }

  /**
   * Once a door is recorded or corrected, the keyboard's focus goes to the door now shown: a screen reader reads it
   * (« Porte 2 sur 6 · suivante, 4 rue de Passy »), and the next Tab reaches its outcomes. The button pressed may be gone.
   */
  function showNextDoor() {
    $('door').focus();
  }

  // ---- « Corriger la dernière porte » ----

  function lastDoor() {
    try {
      const last = JSON.parse(localStorage.getItem(LAST) || 'null');
      return last && last.by === who && Date.now() - last.at < CORRECT_MS ? last : null;
    } catch (e) {
      return null;
    }
  }

  function setLast(last) {
    if (last) localStorage.setItem(LAST, JSON.stringify(last));
    else localStorage.removeItem(LAST);
  }

  /** Shows « Corriger » for the last door recorded on this phone, on its turf, while it may be corrected. */
  function showLast() {
    clearTimeout(lastTimer);
    const last = turf && lastDoor();
    const shown = !!last && last.turf_id === turf.id;
    $('correct-last').hidden = !shown;
    if (!shown) {
      showCorrectChoices(false);
      document.body.dataset.correctable = '';
      return;
    }
    $('last-label').textContent = 'Dernière porte : ' + last.label + ' · ' + OUTCOMES[last.outcome]
      + (last.opinion ? ' (avec opinion)' : '');
    $('correct-opinion').hidden = !last.opinion;
    for (const b of document.querySelectorAll('#correct-choices button[data-outcome]')) b.hidden = b.dataset.outcome === last.outcome;
    document.body.dataset.correctable = last.client_id;
    lastTimer = setTimeout(showLast, CORRECT_MS - (Date.now() - last.at) + 50);
  }

  /**
   * Corrects the last door: another outcome for it, or none (the door is to do again). Not sent yet, the phone simply
   * replaces or removes it; sent (or sent without an answer), a correction is queued and synced like a door.
   */
  async function correctLast(outcome) {
    const last = lastDoor();
    showCorrectChoices(false);
    if (!last) { showLast(); return; }
    if (syncing) await syncing; // a batch under way decides whether the door reached the server
    const item = (await outbox()).find(i => i.client_id === last.client_id);
    const now = new Date().toISOString();
    if (item && !item.sent && !tried.has(item.client_id)) {
      await forget(item.client_id); // never left the phone: nothing reaches the server
    } else {
      if (item) await forget(item.client_id); // it no longer makes its door done
      await keep({kind: 'correction', client_id: crypto.randomUUID(), corrects: last.client_id, turf_id: last.turf_id,
        door_id: last.door_id, recorded_at: now, by: who, maybe: !!item && !item.sent});
    }
    setLast(null);
    if (outcome) {
      const again = {client_id: crypto.randomUUID(), turf_id: last.turf_id, door_id: last.door_id, outcome,
        recorded_at: now, by: who};
      await keep(again);
      setLast(Object.assign({}, last, {client_id: again.client_id, outcome, opinion: false, at: Date.now()}));
      chosenDoor = null;
    } else if (turf) {
      chosenDoor = turf.doors.find(d => d.door_id === last.door_id) || null; // back to do: it is the door shown
    }
    await showPending();
    await drawTurf(false);
    showNextDoor();
    if (navigator.onLine) sync();
  }

  function openConversation() {
    $('conversation').hidden = false;
    $('outcomes').hidden = true;
    $('consent').checked = false;
    consentAt = null;
    for (const r of document.querySelectorAll('input[name=support]')) r.checked = false;
    $('support').disabled = true;
    $('consent').disabled = !notice;
    $('conversation').scrollIntoView({block: 'start'});
    $('conversation-title').focus({preventScroll: true}); // « Ouvert », which had the focus, is hidden now
  }

  function closeConversation() {
    $('conversation').hidden = true;
    $('outcomes').hidden = false;
  }

  async function loadNotice() {
    try {
      const answer = await api('/api/field/notice');
      notice = answer.version ? answer : null;
      // none registered (version null): the volunteer cannot fix it, the organizer can have it done
      $('notice').textContent = notice ? notice.text
        : 'La campagne n\'a pas encore enregistré la mention à lire : aucun avis ne peut être noté (la porte'
          + ' s\'enregistre sans). Prévenez votre organisateur.';
      if (notice) document.body.dataset.notice = notice.version;
    } catch (e) {
      notice = null;
      $('notice').textContent = 'Mention à lire indisponible (réseau) : aucun avis ne peut être noté pour l\'instant.';
    }
    $('consent').disabled = !notice;
  }

  // ---- wiring ----

  function route() {
    const m = /^#tournee-(\d+)$/.exec(location.hash);
    return m ? showTurf(m[1]) : showList();
  }

  $('outcomes').addEventListener('click', e => {
    const b = e.target.closest('button[data-outcome]');
    if (!b || b.disabled) return;
    if (b.dataset.outcome === 'opened') openConversation();
    else record(b.dataset.outcome);
  });
  function showCorrectChoices(shown) {
    $('correct-choices').hidden = !shown;
    $('correct').setAttribute('aria-expanded', String(shown));
  }
  $('correct').addEventListener('click', () => {
    showCorrectChoices($('correct-choices').hidden);
    if (!$('correct-choices').hidden) $('correct-choices').scrollIntoView({block: 'nearest'});
  });
  $('correct-choices').addEventListener('click', e => {
    const b = e.target.closest('button[data-outcome], button[data-undo]');
    if (b) correctLast(b.dataset.undo ? null : b.dataset.outcome);
  });
  $('correct-keep').addEventListener('click', () => { showCorrectChoices(false); $('correct').focus(); });
  $('consent').addEventListener('change', () => {
    const given = $('consent').checked && !!notice;
    consentAt = given ? new Date().toISOString() : null;
    $('support').disabled = !given;
    if (!given) for (const r of document.querySelectorAll('input[name=support]')) r.checked = false;
  });
  $('conversation').addEventListener('submit', async e => {
    e.preventDefault();
    const extra = {};
    if ($('topic').value) extra.topic = $('topic').value;
    const level = document.querySelector('input[name=support]:checked');
    if (level && consentAt && notice) {
      extra.support_level = Number(level.value);
      extra.consent = {notice_version: notice.version, given_at: consentAt};
    }
    closeConversation();
    await record('opened', extra);
  });
  $('cancel-opened').addEventListener('click', () => {
    closeConversation();
    document.querySelector('#outcomes button[data-outcome="opened"]').focus();
  });
  $('sync-now').addEventListener('click', () => { retryMs = RETRY_FIRST_MS; sync(); });
  $('back').addEventListener('click', e => { e.preventDefault(); location.hash = ''; });
  let leaving = false; // the canvasser chose to sign out with doors not sent
  $('logout').addEventListener('submit', async e => {
    // signing out leaves on the phone only what the server does not have yet: the cached turfs and the outcomes
    // already sent go (the submit waits for them), the ones not yet sent stay for the next sign-in
    e.preventDefault();
    if (!leaving) {
      // what can be sent goes first (the next sign-in on this phone may be days away); what cannot is said
      const button = e.target.querySelector('button');
      button.disabled = true;
      try {
        if (navigator.onLine) { retryMs = RETRY_FIRST_MS; await sync(); }
        const left = unsent(await outbox()).filter(i => !i.rejected && mine(i)).length;
        const doors = left === 0 ? '' : left > 1 ? left + ' portes ne sont pas encore envoyées' : '1 porte n\'est pas encore envoyée';
        if (!navigator.onLine) {
          // the server closes the session: offline, the browser would show its error page and the session stay open;
          // the sign-out resumes by itself when the network returns (this page open, or reopened in this tab)
          sessionStorage.setItem(LOGOUT_PENDING, '1');
          warnAtLogout('Pas de réseau : la déconnexion se fera dès son retour (le serveur doit fermer votre session) ;'
            + ' gardez cette page ouverte.' + (left ? ' ' + doors + (left > 1 ? ' ; elles partiront' : ' ; elle partira')
            + ' avec le réseau.' : ''), false);
          return;
        }
        if (left > 0) {
          warnAtLogout(doors + ' : le serveur ne les a pas reçues. Elles restent sur ce téléphone et partiront à votre'
            + ' prochaine connexion ici, sous votre compte seulement.', true);
          return;
        }
      } finally {
        button.disabled = false;
      }
    }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage('forget');
    try {
      for (const i of await outbox()) if (i.sent) await forget(i.client_id);
    } catch (err) { /* the sign-out goes on */ }
    e.target.submit();
  });
  function warnAtLogout(text, mayLeave) {
    $('logout-left').textContent = text;
    $('logout-anyway').hidden = !mayLeave;
    $('logout-warning').hidden = false;
    $('logout-warning').scrollIntoView({block: 'center'});
  }
  $('logout-stay').addEventListener('click', () => {
    sessionStorage.removeItem(LOGOUT_PENDING); // « Rester » also calls off a sign-out waiting for the network
    $('logout-warning').hidden = true;
  });
  // a sign-out asked for offline: done as soon as the network is back (it sends what it can first); whether it was
  function resumeLogout() {
    if (!navigator.onLine || !sessionStorage.getItem(LOGOUT_PENDING)) return false;
    sessionStorage.removeItem(LOGOUT_PENDING);
    $('logout').requestSubmit();
    return true;
  }
  $('logout-anyway').addEventListener('click', () => { leaving = true; $('logout').requestSubmit(); });
  window.addEventListener('hashchange', route);
  let heard = null; // a batch of 500 is 500 changes: the other tab draws once
  if (tabs) tabs.onmessage = e => {
    // signed out in another tab (the sign-in page says so): the turf shown here goes too
    if (e.data === 'signed-out') { location.reload(); return; }
    heard = heard || setTimeout(async () => { heard = null; await showPending(); if (turf) await drawTurf(false); }, 100);
  };
  window.addEventListener('online', () => {
    showNetwork();
    if (resumeLogout()) return;
    retryMs = RETRY_FIRST_MS;
    sync();
  });
  window.addEventListener('offline', showNetwork);
  setInterval(() => { if (navigator.onLine && document.body.dataset.pending !== '0' && !syncing) sync(); }, 30000);

  /**
   * Whether the worker holds the page for offline use. Not yet (a first visit whose install failed: a file of the page
   * did not come, and the browser tries again at the next opening): the page says so, for the canvasser to reopen it
   * with network before going out. The note is absent from a page cached before it existed.
   */
  function showOfflineReady() {
    const ready = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
    document.body.dataset.offline = ready ? 'ready' : 'none';
    if ($('offline-note')) $('offline-note').hidden = ready || !('serviceWorker' in navigator);
  }

  async function start() {
    showNetwork();
    // Without it, a phone short of space may evict this site's storage whole — the doors waiting included. Chrome
    // grants it silently (or not), Firefox asks once; asked at each opening, it changes nothing once granted.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => null);
    if ('serviceWorker' in navigator) {
      try {
        await navigator.serviceWorker.register('/terrain/porte-a-porte-sw.js', {scope: '/terrain/porte-a-porte'});
        if (!navigator.serviceWorker.controller) {
          // the first visit: wait (briefly) for the worker to take the page, so that the turfs
          // fetched next are kept for offline use
          await Promise.race([new Promise(r => navigator.serviceWorker.addEventListener('controllerchange', r, {once: true})),
            new Promise(r => setTimeout(r, 5000))]);
        }
      } catch (e) {
        showMessage('Mode hors ligne indisponible sur ce navigateur : ' + e.message);
      }
    }
    showOfflineReady();
    // a worker that installs later (its files came at last) takes the page: the note goes
    if (navigator.serviceWorker) navigator.serviceWorker.addEventListener('controllerchange', showOfflineReady);
    if (navigator.onLine) await csrfToken().catch(() => null); // who is signed in, before counting their doors
    await Promise.all([loadNotice(), showPending()]);
    await route();
    resumeLogout(); // a sign-out asked for offline, this tab reopened with the network
    // a turf opened straight from a link: fetch the list too, so that the phone keeps it for offline use
    if (navigator.onLine && location.hash) api('/api/field/turfs').then(keepTurfs).catch(() => null);
    if (navigator.onLine) sync();
  }
  start();
})();
