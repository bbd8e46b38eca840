// The page « Découper des tournées »: the form asks POST /api/field/cuts for a preview (the turfs drawn on a
// plain map, one colour each, and listed), then POST /api/field/plans saves the same cut under a name; below,
// the saved plans of the account's sectors (GET /api/field/plans), each printable in one PDF and deletable.
// ?bureaux=20-1,20-2 (from the targeting plan) fills the stations. Above the server's cap of stations listed
// (sectors_search), a sector is typed and its stations asked for by it.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const {api, say, cell, count} = window.terrainPage;
  const {asText} = window.terrainTooltip; // a polling place's name comes from an imported file
  const COLOURS = ['#1d4ed8', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#a16207', '#4d7c0f', '#9d174d', '#334155'];
  let options = null;
  let map = null;
  let layer = null;
  let meetingMarker = null;
  let lines = [];
  let shown = null; // the request whose preview is on the page, and its data's version: what "Enregistrer" saves
  let asked = 0; // answers to an earlier request are dropped

  // the server names the field of its JSON it refuses (« meeting_point : … »): the page names the form's field
  const LABELS = {stations: 'Bureaux', contest: 'Liste électorale', doors_per_turf: 'Portes par tournée',
    minutes_per_turf: 'Minutes par tournée', max_doors: 'Portes au plus', meeting_point: 'Point de rendez-vous',
    'meeting_point.lon': 'Point de rendez-vous (longitude)', 'meeting_point.lat': 'Point de rendez-vous (latitude)',
    name: 'Nom du plan'};
  function readable(error) {
    const m = /^([a-z_.]+) : /.exec(error);
    return m && LABELS[m[1]] ? LABELS[m[1]] + ' : ' + error.slice(m[0].length) : error;
  }

  function codes() {
    return $('stations').value.split(/[\s,;]+/).map(s => s.trim()).filter(Boolean);
  }

  function meetingPoint() {
    const text = $('meeting').value.trim();
    if (!text) return null;
    // « 2.3969, 48.8631 » or the French « 2,3969 ; 48,8631 »
    const numbers = text.match(/-?\d+(?:[.,]\d+)?/g) || [];
    if (numbers.length !== 2) throw new Error('Point de rendez-vous : longitude, latitude en degrés, par ex. 2.3969, 48.8631');
    return {lon: numbers[0].replace(',', '.'), lat: numbers[1].replace(',', '.')};
  }

  function request() {
    const body = {stations: codes()};
    if (!body.stations.length) throw new Error('Choisissez au moins un bureau (par ex. 20-1, 20-2) ou un arrondissement.');
    if ($('contest').value) body.contest = $('contest').value;
    const minutes = $('size-kind').value === 'minutes';
    if (!$('size').value.trim()) throw new Error('Taille visée : un nombre de ' + (minutes ? 'minutes' : 'portes') + ' par tournée.');
    body[minutes ? 'minutes_per_turf' : 'doors_per_turf'] = $('size').value;
    const meeting = meetingPoint();
    if (meeting) body.meeting_point = meeting;
    return body;
  }

  function ensureMap() {
    if (map) return;
    $('map').hidden = false;
    // no tile layer: routes and doors as vectors on a plain background, as on the canvassing page
    map = L.map('map', {zoomControl: true, attributionControl: false});
    map.setView([48.8566, 2.3522], 12);
    map.on('click', e => {
      $('meeting').value = e.latlng.lng.toFixed(5) + ', ' + e.latlng.lat.toFixed(5);
      showMeeting();
      stale();
      say('Point de rendez-vous choisi sur la carte : « Aperçu » découpe toutes les portes depuis ce point.', 'notice');
    });
  }

  function showMeeting() {
    if (meetingMarker) { meetingMarker.remove(); meetingMarker = null; }
    let m = null;
    try { m = meetingPoint(); } catch (e) { return; }
    if (!m || !map) return;
    meetingMarker = L.circleMarker([Number(m.lat), Number(m.lon)], {radius: 8, color: '#111', fillColor: '#facc15', fillOpacity: 1, weight: 3})
      .bindTooltip('Point de rendez-vous').addTo(map);
  }

  function choose(i) {
    lines.forEach((l, k) => l.setStyle({weight: k === i ? 6 : 3, opacity: i === null || k === i ? .9 : .35}));
    for (const tr of $('turfs').tBodies[0].rows) tr.classList.toggle('chosen', Number(tr.dataset.index) === i);
    if (i !== null && lines[i]) lines[i].bringToFront();
  }

  function draw(answer) {
    ensureMap();
    if (layer) layer.remove();
    layer = L.layerGroup().addTo(map);
    lines = [];
    const bounds = [];
    answer.turfs.forEach((t, i) => {
      const colour = COLOURS[i % COLOURS.length];
      const start = [t.start.lat, t.start.lon];
      const path = [start, ...t.path.map(([lon, lat]) => [lat, lon]), start];
      // a click on a route chooses its turf, and does not reach the map (where it would move the meeting point)
      const line = L.polyline(path, {color: colour, weight: 3, opacity: .9, bubblingMouseEvents: false}).addTo(layer);
      line.bindTooltip('Tournée ' + t.turf + ' : ' + t.door_count + ' portes');
      line.on('click', () => choose(i));
      lines.push(line);
      for (const [lon, lat] of t.path) {
        L.circleMarker([lat, lon], {radius: 2.5, weight: 0, fillColor: colour, fillOpacity: .9, interactive: false}).addTo(layer);
      }
      bounds.push(...path);
    });
    const starts = new Map(answer.turfs.map(t => [t.start.lon + ',' + t.start.lat, t.start]));
    for (const s of starts.values()) {
      L.circleMarker([s.lat, s.lon], {radius: 7, color: '#111', fillColor: '#fff', fillOpacity: 1, weight: 3})
        .bindTooltip(asText('Départ : ' + s.label)).addTo(layer);
    }
    if (bounds.length) map.fitBounds(L.latLngBounds(bounds), {padding: [20, 20], animate: false});
    showMeeting();
  }

  function list(answer) {
    const body = $('turfs').tBodies[0];
    body.replaceChildren();
    answer.turfs.forEach((t, i) => {
      const tr = document.createElement('tr');
      tr.dataset.index = String(i);
      const first = cell(tr, '');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = COLOURS[i % COLOURS.length];
      first.append(swatch, document.createTextNode(String(t.turf)));
      cell(tr, t.stations.join(', '));
      cell(tr, count(t.door_count)).className = 'n';
      cell(tr, count(t.voters)).className = 'n';
      cell(tr, (t.walking_metres / 1000).toLocaleString('fr-FR', {maximumFractionDigits: 1}) + ' km').className = 'n';
      cell(tr, count(Math.round(t.minutes)) + ' min').className = 'n';
      cell(tr, t.from + ' … ' + t.to);
      cell(tr, t.topic ? t.topic.label : '');
      tr.addEventListener('click', () => choose(i));
      body.append(tr);
    });
    $('turfs').hidden = false;
  }

  function summary(answer) {
    const minutes = answer.turfs.map(t => t.minutes);
    const sizes = answer.turfs.map(t => t.door_count);
    let text = answer.turfs.length + ' tournée' + (answer.turfs.length > 1 ? 's' : '') + ' de ' + Math.min(...sizes) + ' à '
      + Math.max(...sizes) + ' portes (' + count(answer.door_count) + ' portes, liste ' + answer.contest + '), de '
      + count(Math.round(Math.min(...minutes))) + ' à ' + count(Math.round(Math.max(...minutes))) + ' min chacune ; découpées en '
      + answer.seconds.toLocaleString('fr-FR') + ' s.';
    if (answer.unmatched_voters > 0) {
      text += ' ' + count(answer.unmatched_voters) + ' électeur(s) de ces bureaux sans adresse reconnue ne sont dans'
        + ' aucune tournée (page Adresses non rapprochées).';
    }
    if (answer.stations_without_doors.length) text += ' Sans porte : ' + answer.stations_without_doors.join(', ') + '.';
    if (answer.meeting_point_warning) text += ' Attention : ' + answer.meeting_point_warning + '.';
    $('summary').textContent = text;
  }

  async function preview(e) {
    e.preventDefault();
    let body;
    try { body = request(); } catch (err) { say(err.message, 'error'); return; }
    const mine = ++asked;
    say('Découpage en cours… (quelques secondes la première fois : les adresses de la ville sont lues)', 'notice');
    $('preview').disabled = true;
    document.body.dataset.view = 'cutting';
    try {
      const answer = await api('/api/field/cuts', body);
      if (mine !== asked) return;
      shown = Object.assign({}, body, {data_version: answer.data_version});
      say('');
      summary(answer);
      draw(answer);
      list(answer);
      $('save-plan').hidden = false;
      document.body.dataset.view = 'preview';
    } catch (err) {
      if (mine !== asked) return;
      clear();
      say(readable(err.message), 'error');
      document.body.dataset.view = 'error';
    } finally {
      if (mine === asked) $('preview').disabled = false;
    }
  }

  // the preview no longer shows what the form asks: nothing to save until « Aperçu » cuts again
  function stale() {
    // a refusal about the form as it was: gone once the form changes (it stayed while the browser blocked the next try)
    if (!shown && $('message').className === 'error') say('');
    if (!shown) return;
    shown = null;
    $('save-plan').hidden = true;
    say('Le formulaire a changé depuis l\'aperçu : « Aperçu » découpe à nouveau avant d\'enregistrer.', 'notice');
  }

  function clear() {
    shown = null;
    $('save-plan').hidden = true;
    $('turfs').hidden = true;
    $('summary').textContent = '';
    if (layer) { layer.remove(); layer = null; }
    lines = [];
  }

  async function save(e) {
    e.preventDefault();
    if (!shown) return;
    const name = $('name').value.trim();
    if (!name) { say('Donnez un nom au plan (par ex. « 20e samedi 14 mars »).', 'error'); return; }
    // the server's rule (FieldStore.savePlan), said before the cut is done again on the server
    const refused = [...new Set(name.replace(/[\p{L}\p{N} ._'-]/gu, ''))];
    if (refused.length) {
      say('Nom du plan : lettres, chiffres, espaces, points, tirets, apostrophes et _ seulement ; « '
        + refused.join(' ') + ' » n\'y a pas sa place (« 12 et 20 » plutôt que « 12+20 »).', 'error');
      return;
    }
    say('Enregistrement… (le découpage est refait sur le serveur)', 'notice');
    $('save-button').disabled = true;
    try {
      const answer = await api('/api/field/plans', Object.assign({}, shown, {name}));
      say('');
      const m = $('message');
      m.className = 'ok';
      m.hidden = false;
      m.replaceChildren(document.createTextNode('Plan « ' + answer.plan.name + ' » enregistré : '
        // the turfs by their number in the plan, as « Affectation » and the sheets call them (their ids in the store
        // mean nothing to an organizer, and would count the other sectors' turfs saved before)
        + answer.plan.turf_ids.length + ' tournée(s), numérotées de 1 à ' + answer.plan.turf_ids.length + '. '),
        Object.assign(document.createElement('a'), {href: '/terrain/affectation?plan=' + encodeURIComponent(answer.plan.name),
          textContent: 'Les attribuer aux bénévoles'}));
      $('save-plan').hidden = true;
      shown = null;
      await plans();
      document.body.dataset.view = 'saved';
    } catch (err) {
      say(readable(err.message), 'error');
    } finally {
      $('save-button').disabled = false;
    }
  }

  // the saved plans with turfs in the account's sectors (counted over those), each with a button to delete it while no
  // outcome is recorded on it and none of its turfs lies in another sector
  async function plans() {
    let list;
    try { list = await api('/api/field/plans'); } catch (err) { say(err.message, 'error'); return; }
    const body = $('plans').tBodies[0];
    body.replaceChildren();
    for (const p of list) {
      const tr = document.createElement('tr');
      tr.dataset.plan = String(p.id);
      cell(tr, p.name);
      cell(tr, p.contest);
      const at = new Date(p.created_at);
      cell(tr, at.toLocaleDateString('fr-FR') + ' ' + at.toLocaleTimeString('fr-FR', {hour: '2-digit', minute: '2-digit'}));
      // « cli:root »: a plan saved by terrain turfs --save, as the system account root
      cell(tr, /^cli:/.test(p.created_by) ? 'ligne de commande (' + p.created_by.slice(4) + ')' : p.created_by);
      for (const n of [p.turfs, p.doors, p.assigned, p.outcomes]) cell(tr, count(n)).className = 'n';
      const sheets = cell(tr, '');
      sheets.append(Object.assign(document.createElement('a'), {href: '/api/field/plans/' + p.id + '/feuilles.pdf',
        target: '_blank', rel: 'noopener', textContent: 'Feuilles de route (PDF)'}));
      const action = cell(tr, '');
      if (p.turfs_elsewhere > 0 || p.outcomes > 0 || p.assigned > 0) {
        // a plan cut across sectors: its turfs here are counted and printed, the direction alone deletes it
        action.textContent = p.turfs_elsewhere > 0 ? 'partagé : ' + count(p.turfs_elsewhere)
            + ' tournée(s) dans d\'autres secteurs'
          : p.outcomes > 0 ? 'conservé (résultats enregistrés)' : 'retirez d\'abord ses attributions (page Affectation)';
        action.className = 'muted';
      } else {
        const b = Object.assign(document.createElement('button'), {type: 'button', textContent: 'Supprimer'});
        b.addEventListener('click', () => remove(p));
        action.append(b);
      }
      body.append(tr);
    }
    $('plans').hidden = !list.length;
    $('no-plan').hidden = list.length > 0;
  }

  async function remove(p) {
    const question = 'Supprimer le plan « ' + p.name + ' » et ses ' + p.turfs + ' tournée(s) ?';
    if (!window.confirm(question)) return;
    try {
      await api('/api/field/plans/' + p.id, undefined, 'DELETE');
      say('Plan « ' + p.name + ' » supprimé.');
    } catch (err) {
      say(err.message, 'error');
    }
    await plans();
  }

  function addSector() {
    const sector = Number($('sector').value);
    if (!sector || !options) return;
    const have = new Set(codes());
    const more = options.stations.filter(s => s.arrondissement === sector && !have.has(s.code)).map(s => s.code);
    $('stations').value = [...have, ...more].join(', ');
    $('sector').value = '';
  }

  // A national REU import has too many stations to list (73,000 of 35,000 sectors): the organizer types a sector,
  // whose stations are asked for by it (?sector=) and added, to the stations field and its suggestions
  function sectorSearch() {
    const input = Object.assign(document.createElement('input'), {id: 'sector', autocomplete: 'off', size: 10,
      placeholder: '29039'});
    input.setAttribute('aria-describedby', 'sector-help');
    $('sector').replaceWith(input);
    input.closest('label').after(Object.assign(document.createElement('span'), {id: 'sector-help', className: 'muted',
      textContent: 'Tapez le numéro d\'un arrondissement ou le code INSEE d\'une commune (29039), puis Entrée'}));
    input.addEventListener('keydown', e => {
      if (e.key !== 'Enter') return;
      e.preventDefault(); // not « Aperçu »
      addTypedSector();
    });
    input.addEventListener('change', addTypedSector);
    input.addEventListener('input', stale);
  }

  let sectorAsked = null; // Enter then change: one request
  async function addTypedSector() {
    const text = $('sector').value.trim();
    if (!text || text === sectorAsked) return;
    sectorAsked = text;
    try {
      const found = await api('/api/field/cut-options?sector=' + encodeURIComponent(text));
      const name = Object.values(found.sector_names)[0] || text;
      if (!found.stations.length) { say('Aucun bureau dans ' + name + '.', 'error'); return; }
      const have = new Set(codes());
      const more = found.stations.map(s => s.code).filter(c => !have.has(c));
      $('stations').value = [...have, ...more].join(', ');
      const known = new Set([...$('station-codes').options].map(o => o.value));
      $('station-codes').append(...found.stations.filter(s => !known.has(s.code)).map(s => Object.assign(
        document.createElement('option'), {value: s.code, textContent: s.place || ''})));
      $('sector').value = '';
      say(name + ' : ' + more.length + ' bureau(x) ajouté(s).', 'notice');
    } catch (err) {
      say(err.message, 'error');
    } finally {
      sectorAsked = null;
    }
  }

  async function load() {
    try {
      options = await api('/api/field/cut-options');
    } catch (err) { say(err.message, 'error'); return; }
    const contest = $('contest');
    for (const c of options.contests) contest.append(Object.assign(document.createElement('option'), {value: c, textContent: c}));
    if (!options.contests.length) {
      say(options.sectors ? 'Aucune liste électorale importée n’a d’électeurs dans vos secteurs : demandez à la direction de'
        + ' l’importer (terrain import voters …) pour découper ses portes.'
        : 'Aucune liste électorale importée : importez-la (terrain import voters …) pour découper ses portes.', 'error');
    }
    $('station-codes').replaceChildren(...options.stations.map(s => Object.assign(document.createElement('option'),
      {value: s.code, textContent: s.place || ''})));
    const sectors = [...new Set(options.stations.map(s => s.arrondissement))].sort((a, b) => a - b);
    for (const s of sectors) {
      // « Concarneau (29039) · 17 bureaux »: a commune's name already ends in parentheses
      const n = options.stations.filter(x => x.arrondissement === s).length;
      $('sector').append(Object.assign(document.createElement('option'), {value: String(s), textContent: options.sector_names[s]
        + ' · ' + n + (n > 1 ? ' bureaux' : ' bureau')}));
    }
    if (options.sectors_search) sectorSearch();
    $('size').value = String(options.doors_per_turf);
    await plans();
    const fromPlan = new URLSearchParams(location.search).get('bureaux');
    if (fromPlan && options.sectors_search) {
      // no list to check them against: kept as given, the server refuses on « Aperçu » those this account may not cut
      $('stations').value = fromPlan.split(',').map(c => c.trim()).filter(Boolean).join(', ');
    } else if (fromPlan) {
      // a link may carry stations this account may not cut (typed by hand, or sent by the direction): keep the
      // others, and say which were left out
      const mine = new Set(options.stations.map(s => s.code));
      const given = fromPlan.split(',').map(c => c.trim()).filter(Boolean);
      const left = given.filter(c => !mine.has(c));
      $('stations').value = given.filter(c => mine.has(c)).join(', ');
      if (left.length) {
        say(left.length + ' bureau(x) du plan hors de vos secteurs ou inconnu(s) des contours, retiré(s) : '
          + left.join(', ') + '.', 'notice');
      }
    }
    document.body.dataset.view = 'ready';
  }

  $('size-kind').addEventListener('change', () => {
    const minutes = $('size-kind').value === 'minutes';
    $('size-label').textContent = minutes ? 'Minutes' : 'Portes';
    $('size').min = minutes ? '15' : '5';
    $('size').max = minutes ? '600' : '500';
    $('size').value = minutes ? '120' : String(options ? options.doors_per_turf : 80);
  });
  $('sector').addEventListener('change', addSector);
  $('meeting').addEventListener('change', showMeeting);
  for (const id of ['contest', 'stations', 'sector', 'size-kind', 'size', 'meeting']) $(id).addEventListener('input', stale);
  $('form').addEventListener('submit', preview);
  $('save-plan').addEventListener('submit', save);
  load();
})();
