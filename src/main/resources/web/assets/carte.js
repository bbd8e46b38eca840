// The strategic map: stations coloured by an indicator, its table and its sector dashboard.
// Every figure comes from the JSON API; this script only draws. No build step.
(function () {
  'use strict';

  const TEXT = {
    fr: {
      heading: 'Carte stratégique', 'tab.map': 'Carte', 'tab.table': 'Tableau', 'tab.sectors': 'Secteurs',
      logout: 'Déconnexion', election: 'Élection', indicator: 'Indicateur', lists: 'Listes (une liste ou un bloc)', filter: 'Filtrer les listes', sectorPrefix: 'Secteur', groupPlan: 'Plan de ciblage', groupField: 'Porte-à-porte', bloc: 'Bloc', hours: 'Heures de bénévoles', noBloc: 'Aucun bloc : créez-en un sur la page Blocs.',
      compare: 'Comparer avec', arrondissement: 'Arrondissement', csv: 'Exporter en CSV',
      none: '— aucune —', all: 'Tout le territoire', round: 'tour', noValue: 'pas de donnée',
      station: 'Bureau', place: 'Lieu de vote', registered: 'Inscrits', voters: 'Votants', turnout: 'Participation',
      abstention: 'Abstentionnistes', expressed: 'Exprimés', blank: 'Blancs', invalid: 'Nuls', blankAndInvalid: 'Blancs et nuls',
      value: 'Valeur', rank: 'Rang', sector: 'Arrondissement', stations: 'Bureaux', topLists: 'Listes en tête',
      results: 'Résultats', history: 'Historique', profile: 'Profil socio-démographique', list: 'Liste', votes: 'Voix',
      share: '%', leader: 'En tête', vintage: 'découpage', noResult: 'Pas de résultat pour ce bureau dans ce scrutin.',
      noProfile: 'Aucune donnée INSEE rapportée à ce bureau.', difference: 'écart avec', noMap: 'Aucun contour de bureau n’est chargé pour ce scrutin : la carte ne peut pas être dessinée (le tableau et les secteurs restent disponibles).',
      noStationHere: 'Aucun bureau de vote à montrer : ce scrutin n’a pas de résultats dans vos secteurs. La carte montre les scrutins dont les résultats sont importés.',
      profileMethod: {area: 'Données INSEE par IRIS, réparties sur les bureaux au prorata de la surface.',
        addresses: 'Données INSEE par IRIS, réparties sur les bureaux au prorata des adresses.',
        arrondissement: 'Sans contours IRIS : données INSEE agrégées par arrondissement puis réparties sur ses bureaux (approximation grossière).',
        none: 'Aucune donnée INSEE chargée.'},
      chartTurnout: 'Participation par arrondissement (%)', groupResult: 'Résultats', groupIris: 'INSEE (IRIS → bureaux)',
      approximate: 'Contour approximatif : tracé par Terrain d’après les adresses des électeurs (répertoire électoral unique de l’INSEE), non publié par la commune.',
    },
    en: {
      heading: 'Strategic map', 'tab.map': 'Map', 'tab.table': 'Table', 'tab.sectors': 'Sectors',
      logout: 'Sign out', election: 'Election', indicator: 'Indicator', lists: 'Lists (one list or a bloc)', filter: 'Filter lists', sectorPrefix: 'Sector', groupPlan: 'Targeting plan', groupField: 'Canvassing', bloc: 'Bloc', hours: 'Volunteer hours', noBloc: 'No bloc yet: create one on the Blocs page.',
      compare: 'Compare with', arrondissement: 'Arrondissement', csv: 'Export as CSV',
      none: '— none —', all: 'Whole territory', round: 'round', noValue: 'no data',
      station: 'Station', place: 'Polling place', registered: 'Registered', voters: 'Voters', turnout: 'Turnout',
      abstention: 'Abstainers', expressed: 'Valid votes', blank: 'Blank', invalid: 'Void', blankAndInvalid: 'Blank and void',
      value: 'Value', rank: 'Rank', sector: 'Arrondissement', stations: 'Stations', topLists: 'Leading lists',
      results: 'Results', history: 'History', profile: 'Socio-demographic profile', list: 'List', votes: 'Votes',
      share: '%', leader: 'Leading', vintage: 'boundaries', noResult: 'No result for this station in this round.',
      noProfile: 'No INSEE figures carried onto this station.', difference: 'change since', noMap: 'No station boundaries are loaded for this round: the map cannot be drawn (table and sectors still work).',
      noStationHere: 'No polling station to show: this round has no results in your sectors. The map shows the rounds whose results are imported.',
      profileMethod: {area: 'INSEE figures by IRIS, shared among stations by area.',
        addresses: 'INSEE figures by IRIS, shared among stations by address count.',
        arrondissement: 'No IRIS boundaries: INSEE figures summed by arrondissement then spread over its stations (coarse).',
        none: 'No INSEE figures loaded.'},
      chartTurnout: 'Turnout by arrondissement (%)', groupResult: 'Results', groupIris: 'INSEE (IRIS → stations)',
      approximate: 'Approximate contour: drawn by Terrain from the electors’ addresses (INSEE’s single electoral register), not published by the commune.',
    },
  };

  const params = new URLSearchParams(location.search);
  const state = {
    lang: params.get('lang') || localStorage.getItem('terrain.lang') || 'fr',
    election: params.get('election'), indicator: params.get('indicator') || 'turnout', lists: params.getAll('list'),
    compare: params.get('compare') || '', arrondissement: params.get('arrondissement') || '',
    bloc: params.get('bloc') || '', hours: params.get('hours') || '1000',
    view: params.get('view') || 'map',
  };
  let elections = [], arrondissements = [], indicators = [], profileMethod = 'none', profileNotes = [];
  let map, stationLayer, borderLayer, features = new Map(), values = {}, meta = null, layerVintage = null;
  let shownStations = null; // how many stations the map's last drawing showed (none: a notice says why)
  let tableRows = [], tableColumns = [], tableSort = {key: 'code', dir: 1}, charts = [];
  const timings = window.terrainTimings = {start: performance.now(), recolours: 0};

  const $ = (id) => document.getElementById(id);
  const {read: api, option} = window.terrainPage;
  const t = (key) => TEXT[state.lang][key] ?? TEXT.fr[key] ?? key;
  const locale = () => state.lang === 'en' ? 'en-GB' : 'fr-FR';
  // digits decimals, and up to extra more where the value has them (a legend's close breaks: « 0,053 », not « 0,0530 »)
  const fmt = (v, digits = 0, extra = 0) => v == null ? '—' : new Intl.NumberFormat(locale(), {maximumFractionDigits: digits + extra, minimumFractionDigits: digits}).format(v);

  // extra: decimals added to the unit's own, for a legend whose breaks would otherwise read alike
  function formatValue(v, unit, extra = 0) {
    if (v == null) return t('noValue');
    switch (unit) {
      case 'PERCENT': return fmt(v, 1, extra) + ' %';
      case 'POINTS': return (v > 0 ? '+' : '') + fmt(v, 1, extra) + ' pts';
      case 'EUROS': return fmt(v, 0, extra) + ' €';
      case 'CATEGORY': return (meta && meta.scale.labels[v]) ?? t('noValue');
      case 'COUNT': return (meta && meta.difference && v > 0 ? '+' : '') + fmt(v, 0, extra);
      default: return fmt(v, 2, extra);
    }
  }

  // the fewest decimals (up to 6 more than the unit's) at which two different breaks never read alike: the census's
  // weighted counts of a few farmers by station gave « 1 – 1 » three times, their shares « 0,1 % – 0,1 % »
  function legendDigits(breaks, unit) {
    let extra = 0;
    const alike = (e) => breaks.some((b, i) => i > 0 && b !== breaks[i - 1]
      && formatValue(b, unit, e) === formatValue(breaks[i - 1], unit, e));
    while (extra < 6 && alike(extra)) extra++;
    return extra;
  }

  function query(extra = {}) {
    const q = new URLSearchParams();
    q.set('election', state.election);
    q.set('indicator', state.indicator);
    if (state.indicator === 'list-share') for (const l of state.lists) q.append('list', l);
    if (state.compare && !state.indicator.startsWith('plan:')) q.set('compare', state.compare);
    if (state.indicator.startsWith('plan:')) { q.set('bloc', state.bloc); q.set('hours', state.hours); }
    if (state.arrondissement) q.set('arrondissement', state.arrondissement);
    q.set('lang', state.lang);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  }

  function showError(e) {
    const box = $('error');
    box.textContent = e ? e.message : '';
    box.hidden = !e;
  }

  function saveUrl() {
    const q = query();
    q.set('view', state.view);
    history.replaceState(null, '', '?' + q);
  }

  function translate() {
    document.documentElement.lang = state.lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    // the menu (Menu.java) carries its English in data-en, its French is what the server wrote; the user's name and
    // role carry both (session.js)
    for (const el of document.querySelectorAll('nav.menu [data-en], [data-user][data-en]')) {
      el.dataset.fr ??= el.textContent;
      el.textContent = state.lang === 'en' ? el.dataset.en : el.dataset.fr;
    }
    $('lang').textContent = state.lang === 'fr' ? 'EN' : 'FR';
    $('list-filter').placeholder = t('filter');
    $('bloc-label').textContent = t('bloc');
    $('hours-label').textContent = t('hours');
  }

  // ---------------------------------------------------------------- controls

  function electionLabel(e) {
    return e.id + ' — ' + new Date(e.date).toLocaleDateString(locale()) + ' (' + e.round + (state.lang === 'en' ? (e.round === 1 ? 'st ' : 'nd ') : (e.round === 1 ? 'er ' : 'e ')) + t('round') + ')';
  }

  function fillElections() {
    const sel = $('election'), cmp = $('compare');
    sel.innerHTML = '';
    cmp.innerHTML = '';
    option(cmp, '', t('none'), !state.compare);
    for (const e of elections) {
      option(sel, e.id, electionLabel(e), e.id === state.election);
      if (e.id !== state.election) option(cmp, e.id, electionLabel(e), e.id === state.compare);
    }
    const arr = $('arrondissement');
    arr.innerHTML = '';
    option(arr, '', t('all'), !state.arrondissement);
    const current = elections.find(e => e.id === state.election);
    for (const s of (current && current.sectors) || []) {
      const value = s.arrondissements.join(',');
      option(arr, value, t('sectorPrefix') + ' ' + s.name + ' (' + s.arrondissements.map(ordinal).join(', ') + ')', value === state.arrondissement);
    }
    for (const a of arrondissements) option(arr, String(a.number), a.name, String(a.number) === state.arrondissement);
  }

  function fillIndicators() {
    const sel = $('indicator');
    sel.innerHTML = '';
    const groups = {result: t('groupResult'), plan: t('groupPlan'), field: t('groupField'), iris: t('groupIris')};
    for (const [group, label] of Object.entries(groups)) {
      const items = indicators.filter(i => i.group === group);
      if (!items.length) continue;
      const og = document.createElement('optgroup');
      og.label = label;
      for (const i of items) option(og, i.id, i.label, i.id === state.indicator);
      sel.appendChild(og);
    }
    if (!indicators.some(i => i.id === state.indicator)) { state.indicator = 'turnout'; sel.value = 'turnout'; }
  }

  function fillLists() {
    const e = elections.find(x => x.id === state.election);
    const box = $('lists');
    box.innerHTML = '';
    const known = new Set(e.lists.map(l => l.label));
    state.lists = state.lists.filter(l => known.has(l));
    if (!state.lists.length && e.lists.length) state.lists = [e.lists[0].label];
    for (const l of e.lists) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = l.label;
      input.checked = state.lists.includes(l.label);
      input.addEventListener('change', () => {
        state.lists = [...box.querySelectorAll('input:checked')].map(i => i.value);
        if (state.lists.length) refresh(false);
      });
      const span = document.createElement('span');
      const where = l.arrondissements.length <= 3 ? ' (' + l.arrondissements.map(ordinal).join(', ') + ')' : '';
      span.textContent = l.label + (l.nuance ? ' [' + l.nuance + ']' : '') + where + ' — ' + fmt(l.share, 1) + ' %';
      label.dataset.label = l.label.toLowerCase();
      label.append(input, span);
      box.appendChild(label);
    }
    $('lists-box').hidden = state.indicator !== 'list-share';
    $('plan-box').hidden = !state.indicator.startsWith('plan:');
  }

  function fillBlocs(blocs) {
    const sel = $('bloc');
    sel.innerHTML = '';
    if (!blocs.some(b => b.name === state.bloc)) state.bloc = blocs.length ? blocs[0].name : '';
    for (const b of blocs) option(sel, b.name, b.name, b.name === state.bloc);
    $('plan-note').textContent = blocs.length ? '' : t('noBloc');
    $('plan-note').hidden = blocs.length > 0;
    $('hours').value = state.hours;
  }

  function ordinal(n) {
    return state.lang === 'en' ? n + ({1: 'st', 2: 'nd', 3: 'rd'}[n] || 'th') : n + (n === 1 ? 'er' : 'e');
  }

  function showNotice() {
    const notes = [];
    if (state.indicator.startsWith('iris:')) notes.push(t('profileMethod')[profileMethod] || '', ...profileNotes);
    const e = elections.find(x => x.id === state.election);
    if (e && !e.map) notes.push(t('noMap'));
    else if (shownStations === 0) notes.push(t('noStationHere'));
    $('notice').textContent = notes.filter(Boolean).join(' ');
    $('notice').hidden = !notes.filter(Boolean).length;
  }

  // ---------------------------------------------------------------- map

  function colour(v) {
    if (v == null || !meta) return '#d9d9d9';
    const s = meta.scale;
    let i = 0;
    while (i < s.breaks.length && v > s.breaks[i]) i++;
    return s.colours[i];
  }

  function style(feature) {
    // a contour drawn from the REU's addresses (approximate, ADR 0028) has a dashed outline, explained in the legend
    return {className: 'bv', color: outline(feature), weight: 0.6, fillOpacity: 0.85, fillColor: colour(values[feature.id]),
      dashArray: feature.properties.approximate ? '4 3' : null};
  }

  function outline(feature) {
    return feature.properties.approximate ? '#555555' : '#ffffff';
  }

  function tooltip(layer) {
    const p = layer.feature.properties;
    const lines = ['<strong>' + t('station') + ' ' + escape(p.code) + '</strong> — ' + escape(arrondissements.find(a => a.number === p.arrondissement)?.name || p.arrondissement)];
    if (p.place || p.address) lines.push(escape([p.place, p.address].filter(Boolean).join(', ')));
    lines.push('<strong>' + escape(meta.label + (meta.comparison ? ' (' + t('difference') + ' ' + meta.comparison + ')' : '')) + ' : ' + formatValue(values[p.code], meta.unit) + '</strong>');
    if (p.registered != null) lines.push(t('registered') + ' : ' + fmt(p.registered) + ' · ' + t('turnout') + ' : ' + (p.registered ? fmt(100 * p.voters / p.registered, 1) + ' %' : '—') + ' · ' + t('expressed') + ' : ' + fmt(p.expressed));
    return '<span class="bv-tip" data-code="' + escape(p.code) + '">' + lines.join('<br>') + '</span>';
  }

  function drawLegend() {
    const box = $('legend');
    if (!meta) { box.innerHTML = ''; return; }
    const s = meta.scale;
    let html = '<div class="title">' + escape(meta.label) + (meta.comparison ? '<br><span class="muted">' + t('difference') + ' ' + escape(meta.comparison) + '</span>' : '') + '</div>';
    const extra = s.kind === 'CATEGORICAL' ? 0 : legendDigits(s.breaks, meta.unit);
    const bound = (v) => formatValue(v, meta.unit, extra);
    // one class (no break) spans the figures shown, from the least to the greatest; none shown, no class
    const shown = Object.values(values).filter(v => v != null);
    const only = shown.length ? (Math.min(...shown) === Math.max(...shown) ? bound(shown[0])
      : bound(Math.min(...shown)) + ' – ' + bound(Math.max(...shown))) : null;
    for (let i = 0; i < s.colours.length; i++) {
      const lo = i === 0 ? null : s.breaks[i - 1], hi = i < s.breaks.length ? s.breaks[i] : null;
      if (s.kind !== 'CATEGORICAL' && !s.breaks.length && only == null) break;
      const range = s.kind === 'CATEGORICAL' ? escape(s.labels[i]) : !s.breaks.length ? only : lo == null ? '≤ ' + bound(hi) : hi == null ? '> ' + bound(lo) : bound(lo) + ' – ' + bound(hi);
      html += '<div class="row"><span class="swatch" style="background:' + s.colours[i] + '"></span>' + range + '</div>';
    }
    html += '<div class="row"><span class="swatch" style="background:#d9d9d9"></span>' + t('noValue') + '</div>';
    if (meta.contourNote) html += '<div class="row approximate"><span class="swatch"></span><span>' + escape(meta.contourNote) + '</span></div>';
    box.innerHTML = html;
    box.dataset.indicator = meta.id;
  }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  async function ensureMap() {
    if (map) return;
    map = L.map('map', {zoomSnap: 0.25, attributionControl: true});
    map.createPane('borders');
    map.getPane('borders').style.zIndex = 450;
    map.getPane('borders').style.pointerEvents = 'none';
    const settings = await api('/api/settings');
    if (settings.tileUrl) L.tileLayer(settings.tileUrl, {attribution: settings.tileAttribution || ''}).addTo(map);
    map.setView([48.8566, 2.3522], 12);
  }

  async function drawMap() {
    const e = elections.find(x => x.id === state.election);
    if (!e || !e.map) { if (stationLayer) { stationLayer.remove(); stationLayer = null; } shownStations = null; meta = null; drawLegend(); document.body.dataset.map = 'none'; return; }
    await ensureMap();
    const started = performance.now();
    const geo = await api('/api/stations.geojson', query());
    shownStations = geo.features.length;
    showNotice();
    meta = geo.indicator;
    values = {};
    for (const f of geo.features) values[f.id] = f.properties.value;
    if (stationLayer) stationLayer.remove();
    features = new Map();
    const renderer = geo.features.length > 3000 ? L.canvas({padding: 0.2}) : L.svg({padding: 0.2});
    stationLayer = L.geoJSON(geo, {
      renderer, style,
      onEachFeature: (f, layer) => {
        features.set(f.id, layer);
        // The station's code on its SVG path, so that tests and users' scripts can find it (no element on canvas).
        layer.on('add', () => layer.getElement()?.setAttribute('data-code', f.id));
        layer.bindTooltip(tooltip, {sticky: true, className: 'bv-tip'});
        layer.on('mouseover', () => layer.setStyle({weight: 2.5, color: '#111'}));
        layer.on('mouseout', () => layer.setStyle({weight: 0.6, color: outline(f)}));
        layer.on('click', () => openStation(f.id));
      },
    }).addTo(map);
    if (!borderLayer) {
      const borders = await api('/api/arrondissements.geojson');
      borderLayer = L.geoJSON(borders, {pane: 'borders', interactive: false, style: {color: '#2b2b2b', weight: 1.8, fill: false}}).addTo(map);
    }
    // refit when the boundaries, the arrondissement or the communes shown change (one vintage may hold Paris and
    // communes a REU import drew: a round shows its own)
    const communes = [...new Set(geo.features.map(f => f.properties.arrondissement > 99 ? f.properties.arrondissement : 0))].join(',');
    const extent = e.vintage + ':' + state.arrondissement + ':' + communes;
    if (layerVintage !== extent && geo.features.length) {
      map.fitBounds(stationLayer.getBounds(), {padding: [10, 10], animate: false}); // 'ready' means in place
      layerVintage = extent;
    }
    drawLegend();
    document.body.dataset.map = 'ready';
    document.body.dataset.stations = String(geo.features.length);
    timings.mapDrawn = performance.now() - timings.start;
    timings.lastDraw = performance.now() - started;
  }

  async function recolour() {
    const started = performance.now();
    const f = await api('/api/figures', query());
    meta = f.indicator;
    values = f.values;
    if (stationLayer) stationLayer.eachLayer(l => l.setStyle({fillColor: colour(values[l.feature.id])}));
    drawLegend();
    timings.lastRecolour = performance.now() - started;
    timings.recolours++;
    document.body.dataset.recolours = String(timings.recolours);
    document.body.dataset.indicator = meta.id;
  }

  // ---------------------------------------------------------------- station panel

  async function openStation(code) {
    const d = await api('/api/stations/' + encodeURIComponent(code), query());
    let html = '<h2>' + t('station') + ' ' + escape(d.code) + '</h2><p class="muted">' + escape(d.arrondissementName || d.arrondissement) +
      (d.vintage ? ' — ' + t('vintage') + ' ' + d.vintage : '') + '</p>';
    if (d.approximate) html += '<p class="muted">' + t('approximate') + '</p>';
    if (d.place || d.address) html += '<p>' + t('place') + ' : ' + escape([d.place, d.address].filter(Boolean).join(', ')) + '</p>';
    html += '<h3>' + t('results') + ' — ' + escape(d.election) + '</h3>';
    if (d.counts) {
      const c = d.counts;
      html += '<table class="counts"><tbody>' +
        [['registered', c.registered], ['voters', c.voters], ['abstention', c.abstentions], ['blank', c.blank], ['invalid', c.invalid], ['blankAndInvalid', c.blankAndInvalid], ['expressed', c.expressed]]
          .filter(([, v]) => v != null).map(([k, v]) => '<tr><td>' + t(k) + '</td><td class="n">' + fmt(v) + '</td></tr>').join('') +
        '<tr><td>' + t('turnout') + '</td><td class="n">' + fmt(c.turnout, 2) + ' %</td></tr></tbody></table>';
      html += '<table class="lists"><thead><tr><th>' + t('list') + '</th><th class="n">' + t('votes') + '</th><th class="n">%</th></tr></thead><tbody>' +
        d.lists.map(l => '<tr><td>' + escape(l.label) + (l.nuance ? ' <span class="muted">' + escape(l.nuance) + '</span>' : '') + '</td><td class="n">' + fmt(l.votes) + '</td><td class="n">' + fmt(l.share, 2) + '</td></tr>').join('') + '</tbody></table>';
    } else {
      html += '<p class="muted">' + t('noResult') + '</p>';
    }
    html += '<h3>' + t('history') + '</h3><table class="history"><thead><tr><th>' + t('election') + '</th><th class="n">' + t('registered') + '</th><th class="n">' + t('turnout') + '</th><th>' + t('leader') + '</th></tr></thead><tbody>' +
      d.history.map(h => '<tr><td>' + escape(h.election) + (h.vintage && h.vintage !== d.vintage ? ' <span class="muted">(' + t('vintage') + ' ' + h.vintage + ')</span>' : '') + '</td><td class="n">' + fmt(h.registered) + '</td><td class="n">' + fmt(h.turnout, 1) + ' %</td><td>' + escape(h.leader || '—') + (h.leaderShare != null ? ' (' + fmt(h.leaderShare, 1) + ' %)' : '') + '</td></tr>').join('') + '</tbody></table>';
    html += '<h3>' + t('profile') + '</h3>';
    if (d.profile.length) {
      html += '<p class="muted">' + escape(t('profileMethod')[d.profileMethod] || '') + '</p><table class="profile"><tbody>' +
        d.profile.map(p => '<tr><td>' + escape(p.label) + '</td><td class="n">' + formatValue(p.value, p.unit) + '</td></tr>').join('') + '</tbody></table>';
    } else {
      html += '<p class="muted">' + t('noProfile') + '</p>';
    }
    $('panel-body').innerHTML = html;
    $('panel').hidden = false;
    $('panel').dataset.code = d.code;
  }

  // ---------------------------------------------------------------- table

  const TABLE_COLUMNS = [
    ['code', 'station', false], ['arrondissement', 'sector', true], ['place', 'place', false], ['registered', 'registered', true],
    ['voters', 'voters', true], ['turnout', 'turnout', true], ['abstention', 'abstention', true], ['expressed', 'expressed', true], ['value', null, true],
  ];

  /** The indicator is the turnout itself: its own column or chart would repeat the turnout's. */
  const isTurnout = indicator => indicator.id === 'turnout' && !indicator.comparison;

  async function drawTable() {
    const data = await api('/api/table', query());
    tableColumns = TABLE_COLUMNS.filter(([key]) => key !== 'value' || !isTurnout(data.indicator));
    tableRows = data.rows;
    $('table-title').textContent = data.indicator.label + (data.indicator.comparison ? ' (' + t('difference') + ' ' + data.indicator.comparison + ')' : '');
    $('csv').href = '/api/table.csv?' + query();
    const head = $('table').tHead;
    head.innerHTML = '<tr>' + tableColumns.map(([key, label, numeric]) => '<th data-key="' + key + '"' + (numeric ? ' class="n"' : '') + '>' + escape(label ? t(label) : data.indicator.label) + '</th>').join('') + '</tr>';
    for (const th of head.querySelectorAll('th')) th.addEventListener('click', () => {
      tableSort = {key: th.dataset.key, dir: tableSort.key === th.dataset.key ? -tableSort.dir : (th.classList.contains('n') ? -1 : 1)};
      renderTableBody();
    });
    renderTableBody();
    meta = data.indicator;
  }

  function renderTableBody() {
    const {key, dir} = tableSort;
    const rows = [...tableRows].sort((a, b) => {
      const x = a[key], y = b[key];
      if (x == null && y == null) return 0;
      if (x == null) return 1;
      if (y == null) return -1;
      return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'fr', {numeric: true})) * dir;
    });
    for (const th of $('table').tHead.querySelectorAll('th')) th.setAttribute('aria-sort', th.dataset.key === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    $('table').tBodies[0].innerHTML = rows.map(r => '<tr data-code="' + escape(r.code) + '">' + tableColumns.map(([k, , numeric]) => {
      const v = r[k];
      const text = k === 'value' ? formatValue(v, meta?.unit ?? 'NUMBER') : k === 'turnout' ? (v == null ? '—' : fmt(v, 1)) : typeof v === 'number' && numeric && k !== 'arrondissement' ? fmt(v) : (v ?? '—');
      return '<td' + (numeric ? ' class="n"' : '') + '>' + escape(text) + '</td>';
    }).join('') + '</tr>').join('');
  }

  // ---------------------------------------------------------------- sectors

  async function drawSectors() {
    const data = await api('/api/sectors', query());
    const unit = data.indicator.unit;
    const turnout = isTurnout(data.indicator);
    const head = $('sectors').tHead;
    head.innerHTML = '<tr><th>' + t('sector') + '</th><th class="n">' + t('stations') + '</th><th class="n">' + t('registered') + '</th><th class="n">' + t('turnout') + '</th><th class="n">' + t('expressed') + '</th><th>' + t('topLists') + '</th>' + (turnout ? '' : '<th class="n">' + escape(data.indicator.label) + '</th>') + '<th class="n">' + t('rank') + '</th></tr>';
    $('sectors').tBodies[0].innerHTML = data.rows.map(r => '<tr data-arrondissement="' + r.arrondissement + '"><td>' + escape(r.name) + '</td><td class="n">' + r.stations + '</td><td class="n">' + fmt(r.registered) + '</td><td class="n">' + fmt(r.turnout, 1) + ' %</td><td class="n">' + fmt(r.expressed) + '</td><td>' +
      r.lists.map(l => escape(l.label) + ' ' + fmt(l.share, 1) + ' %').join('<br>') + '</td>' + (turnout ? '' : '<td class="n">' + formatValue(r.value, unit) + '</td>') + '<td class="n">' + (r.rank ?? '—') + '</td></tr>').join('');
    for (const c of charts) c.destroy();
    charts = [];
    if (window.Chart) {
      const labels = data.rows.map(r => r.arrondissement > 99 ? r.name : ordinal(r.arrondissement)); // a commune: its name
      const options = {responsive: true, maintainAspectRatio: false, animation: false, plugins: {legend: {display: false}, title: {display: true}}};
      charts.push(new Chart($('chart-turnout'), {type: 'bar', data: {labels, datasets: [{data: data.rows.map(r => r.turnout), backgroundColor: '#1d91c0'}]},
        options: {...options, plugins: {...options.plugins, title: {display: true, text: t('chartTurnout')}}}}));
      $('chart-indicator').parentElement.hidden = turnout;
      if (!turnout) charts.push(new Chart($('chart-indicator'), {type: 'bar', data: {labels, datasets: [{data: data.rows.map(r => r.value), backgroundColor: '#542788'}]},
        options: {...options, plugins: {...options.plugins, title: {display: true, text: data.indicator.label + (data.indicator.comparison ? ' (' + t('difference') + ' ' + data.indicator.comparison + ')' : '')}}}}));
    }
  }

  // ---------------------------------------------------------------- wiring

  async function loadIndicators() {
    const data = await api('/api/indicators', new URLSearchParams({election: state.election, lang: state.lang}));
    indicators = data.indicators;
    profileMethod = data.profileMethod;
    profileNotes = data.profileNotes;
    fillIndicators();
  }

  async function refresh(geometryChanged) {
    showError(null);
    saveUrl();
    showNotice();
    $('lists-box').hidden = state.indicator !== 'list-share';
    $('plan-box').hidden = !state.indicator.startsWith('plan:');
    try {
      if (state.view === 'map') {
        if (geometryChanged || !stationLayer) await drawMap(); else await recolour();
      } else if (state.view === 'table') {
        await drawTable();
      } else {
        await drawSectors();
      }
    } catch (e) {
      showError(e);
      // the colours and legend shown were the indicator's before: greyed and cleared under this one's error
      meta = null;
      values = {};
      if (stationLayer) stationLayer.eachLayer(l => l.setStyle({fillColor: colour(null)}));
      drawLegend();
    }
  }

  function showView(view) {
    state.view = view;
    $('panel').hidden = true;
    for (const b of document.querySelectorAll('.tabs button')) b.classList.toggle('active', b.dataset.view === view);
    for (const v of document.querySelectorAll('.view')) v.classList.toggle('active', v.id === 'view-' + view);
    if (view === 'map' && map) setTimeout(() => map.invalidateSize(), 0);
    refresh(view === 'map' && !stationLayer);
  }

  async function start() {
    translate();
    const data = await api('/api/elections');
    elections = data.elections;
    arrondissements = data.arrondissements;
    if (!elections.length) { showError(new Error(state.lang === 'en' ? 'No results loaded yet: import some with terrain import results.' : 'Aucun résultat chargé : importez-en avec terrain import results.')); return; }
    if (!elections.some(e => e.id === state.election)) state.election = ([...elections].reverse().find(e => e.map) || elections[elections.length - 1]).id;
    fillElections();
    await loadIndicators();
    fillLists();
    fillBlocs((await api('/api/blocs')).blocs);
    $('election').addEventListener('change', async () => {
      state.election = $('election').value;
      if (state.compare === state.election) state.compare = '';
      fillElections();
      await loadIndicators();
      fillLists();
      refresh(true);
    });
    $('indicator').addEventListener('change', () => { state.indicator = $('indicator').value; fillLists(); refresh(false); });
    $('compare').addEventListener('change', () => { state.compare = $('compare').value; refresh(false); });
    $('bloc').addEventListener('change', () => { state.bloc = $('bloc').value; refresh(false); });
    $('hours').addEventListener('change', () => { state.hours = $('hours').value; refresh(false); });
    $('arrondissement').addEventListener('change', () => { state.arrondissement = $('arrondissement').value; refresh(true); });
    $('list-filter').addEventListener('input', () => {
      const q = $('list-filter').value.toLowerCase();
      for (const l of $('lists').querySelectorAll('label')) l.hidden = q && !l.dataset.label.includes(q);
    });
    $('panel-close').addEventListener('click', () => { $('panel').hidden = true; });
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'fr' ? 'en' : 'fr';
      localStorage.setItem('terrain.lang', state.lang);
      saveUrl();
      location.reload();
    });
    for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => showView(b.dataset.view));
    showView(state.view);
  }

  start().catch(showError);
})();
