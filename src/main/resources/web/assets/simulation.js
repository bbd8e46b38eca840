// The simulation page: asks /api/simulation and draws the council, the seat histogram and the
// sector table. Every figure comes from the API; no build step, no inline script.
(function () {
  'use strict';

  const TEXT = {
    fr: {
      heading: 'Simulation des sièges', logout: 'Déconnexion',
      election: 'Premier tour', system: 'Mode de scrutin', system1982: 'Loi de 1982 : conseil élu par secteur',
      system2025: "Loi de 2025 : conseil élu sur toute la ville (prime d'un quart)",
      transfers: 'Reports de voix au second tour (JSON ou CSV from;to;share, vide : règle par défaut)', transfersFile: 'ou fichier de reports',
      sectorsTitle2025: "Secteurs : conseils d'arrondissement (le conseil est élu sur toute la ville)",
      camps: 'Camps', campsLabel: 'Chaque tête de liste', campsParis2020: 'Paris 2020 (exemple)',
      draws: 'Tirages', seed: 'Graine', target: 'Camp visé (voix à déplacer)', run: 'Simuler',
      method: 'Modèle, hypothèses et limites : docs/simulation.md, dans le dépôt de Terrain.', council: 'Conseil',
      sectorsTitle: 'Secteurs, du plus au moins souvent pivot', running: 'Simulation en cours…',
      done: (d, ms) => `${d} tirages en ${ms} ms.`, camp: 'Camp', expected: 'Sur le résultat attendu', mean: 'Moyenne',
      interval: '5 %–95 %', pMajority: 'Majorité absolue', sector: 'Secteur', seats: 'Sièges', winner: 'Vainqueur attendu',
      win: 'Probabilités de victoire', tipping: 'Pivot', needed: 'Voix à déplacer', unreachable: 'hors de portée',
      none: '—', tie: 'égalité', histogram: 'Sièges au conseil : nombre de tirages',
      summary: (r) => `${r.council_seats} sièges, majorité absolue à ${r.majority}. Aucune majorité dans ${pct(r.p_no_majority)} des tirages. `
        + `Écarts-types : mouvement d'ensemble ${num(r.swing, 2)} pts, secteur ${num(r.sector_noise, 2)} pts (${r.parameters}).`,
      noElection: 'Aucun premier tour importé : importez des résultats avec terrain import results.',
      warnings: 'Hypothèses du calcul :',
    },
    en: {
      heading: 'Seat simulation', logout: 'Sign out',
      election: 'First round', system: 'Voting system', system1982: '1982 law: council elected by sector',
      system2025: '2025 law: council elected city-wide (quarter bonus)',
      transfers: 'Round-two transfers (JSON or CSV from;to;share, empty: default rule)', transfersFile: 'or a transfer file',
      sectorsTitle2025: 'Sectors: arrondissement councils (the council is elected city-wide)',
      camps: 'Camps', campsLabel: 'Each head of list', campsParis2020: 'Paris 2020 (example)',
      draws: 'Draws', seed: 'Seed', target: 'Camp aimed at (votes needed)', run: 'Simulate',
      method: 'Model, assumptions and limits: docs/simulation.md, in Terrain\'s repository.', council: 'Council',
      sectorsTitle: 'Sectors, most often tipping first', running: 'Simulating…',
      done: (d, ms) => `${d} draws in ${ms} ms.`, camp: 'Camp', expected: 'On the expected result', mean: 'Mean',
      interval: '5%–95%', pMajority: 'Absolute majority', sector: 'Sector', seats: 'Seats', winner: 'Expected winner',
      win: 'Win probabilities', tipping: 'Tipping point', needed: 'Votes needed', unreachable: 'out of reach',
      none: '—', tie: 'tie', histogram: 'Council seats: number of draws',
      summary: (r) => `${r.council_seats} seats, absolute majority at ${r.majority}. No majority in ${pct(r.p_no_majority)} of draws. `
        + `Standard deviations: city-wide swing ${num(r.swing, 2)} pts, sector ${num(r.sector_noise, 2)} pts (${r.parameters}).`,
      noElection: 'No first round imported yet: import results with terrain import results.',
      warnings: 'Assumptions of this run (in French):',
    },
  };
  const COLOURS = ['#d7301f', '#2c7fb8', '#fdae61', '#1a9850', '#756bb1', '#636363', '#e7298a', '#66a61e', '#a6761d', '#1b9e77'];

  const params = new URLSearchParams(location.search);
  const state = {
    lang: params.get('lang') || localStorage.getItem('terrain.lang') || 'fr',
    election: params.get('election'), camps: params.get('camps') || 'label',
    system: params.get('system') || 'paris-1982', transfers: sessionStorage.getItem('terrain.transfers') || '',
    draws: params.get('draws') || '20000', seed: params.get('seed') || '1', target: params.get('target') || '',
  };
  let result = null, chart = null;

  const $ = (id) => document.getElementById(id);
  const {read: api} = window.terrainPage;
  const t = (key) => TEXT[state.lang][key] ?? TEXT.fr[key] ?? key;
  const locale = () => state.lang === 'en' ? 'en-GB' : 'fr-FR';
  const num = (v, digits = 0) => v == null ? '—' : new Intl.NumberFormat(locale(), {maximumFractionDigits: digits, minimumFractionDigits: digits}).format(v);
  const pct = (p) => num(100 * p, 1) + ' %';

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
  }

  function showError(e) {
    $('error').textContent = e ? e.message : '';
    $('error').hidden = !e;
  }

  // What the server warns of (a camps file's lists absent from the round, each head of list a list of its own): the
  // figures depend on it
  function showWarnings(warnings) {
    const list = $('warnings').querySelector('ul');
    list.replaceChildren(...(warnings || []).map(w => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }));
    $('warnings').hidden = !list.children.length;
  }

  function cell(row, text, numeric) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) td.className = 'n';
    row.appendChild(td);
    return td;
  }

  function head(table, labels) {
    const tr = document.createElement('tr');
    for (const [label, numeric] of labels) {
      const th = document.createElement('th');
      th.textContent = label;
      if (numeric) th.className = 'n';
      tr.appendChild(th);
    }
    table.tHead.replaceChildren(tr);
  }

  function colour(camp) {
    return COLOURS[Object.keys(result.camps).indexOf(camp) % COLOURS.length];
  }

  function visibleCamps() {
    return Object.entries(result.camps).filter(([, c]) => c.mean_seats > 0 || c.expected_seats > 0).map(([name]) => name);
  }

  function drawCamps() {
    $('summary').textContent = t('summary')(result);
    head($('camps-table'), [[t('camp')], [t('expected'), true], [t('mean'), true], [t('interval'), true], [t('pMajority'), true]]);
    const body = $('camps-table').tBodies[0];
    body.replaceChildren();
    for (const name of visibleCamps()) {
      const c = result.camps[name];
      const tr = document.createElement('tr');
      const td = cell(tr, '');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = colour(name);
      td.append(sw, name);
      cell(tr, num(c.expected_seats), true);
      cell(tr, num(c.mean_seats, 1), true);
      cell(tr, c.seats_5_50_95[0] + '–' + c.seats_5_50_95[2], true);
      cell(tr, pct(c.p_majority), true);
      body.appendChild(tr);
    }
  }

  function drawHistogram() {
    const camps = visibleCamps().slice(0, 8);
    let low = result.council_seats, high = 0;
    for (const name of camps) {
      for (const k of Object.keys(result.camps[name].seat_distribution).map(Number)) { low = Math.min(low, k); high = Math.max(high, k); }
    }
    const labels = [];
    for (let k = low; k <= high; k++) labels.push(String(k));
    const datasets = camps.map(name => ({
      label: name, backgroundColor: colour(name), borderWidth: 0, barPercentage: 1, categoryPercentage: 1,
      data: labels.map(k => result.camps[name].seat_distribution[k] || 0),
    }));
    if (chart) chart.destroy();
    chart = null;
    if (!window.Chart) return;
    chart = new Chart($('histogram'), {type: 'bar', data: {labels, datasets},
      // numbers in the page's language, not the browser's (Chart.js's default)
      options: {locale: locale(), animation: false, maintainAspectRatio: false,
        plugins: {title: {display: true, text: t('histogram')}},
        scales: {x: {stacked: false}, y: {beginAtZero: true}}}});
    document.body.dataset.histogram = 'drawn';
  }

  function drawSectors() {
    if (!result) return;
    $('sectors-title').textContent = t(result.system === 'paris-2025' ? 'sectorsTitle2025' : 'sectorsTitle');
    head($('sectors'), [[t('sector')], [t('seats'), true], [t('winner')], [t('win')], [t('tipping'), true],
      [t('needed') + (state.target ? ' (' + state.target + ')' : ''), true]]);
    const body = $('sectors').tBodies[0];
    body.replaceChildren();
    const rows = Object.entries(result.sectors).sort((a, b) => b[1].tipping_point_probability - a[1].tipping_point_probability);
    for (const [name, s] of rows) {
      const tr = document.createElement('tr');
      tr.dataset.sector = name;
      cell(tr, name);
      cell(tr, num(s.seats), true);
      cell(tr, s.expected_winner ?? t('tie'));
      const wins = Object.entries(s.win_probability).filter(([, p]) => p >= 0.005).sort((a, b) => b[1] - a[1])
        .map(([camp, p]) => camp + ' ' + pct(p)).join(' · ');
      cell(tr, wins);
      cell(tr, pct(s.tipping_point_probability), true);
      const needed = state.target in s.votes_needed ? s.votes_needed[state.target] : undefined;
      cell(tr, needed === undefined ? t('none') : needed === null ? t('unreachable') : num(needed), true);
      body.appendChild(tr);
    }
    document.body.dataset.sectors = String(rows.length);
  }

  function fillTargets() {
    const select = $('target');
    const camps = visibleCamps();
    if (!camps.includes(state.target)) state.target = camps.length > 1 ? camps[1] : (camps[0] || '');
    select.replaceChildren();
    for (const name of camps) {
      const o = document.createElement('option');
      o.value = name;
      o.textContent = name;
      o.selected = name === state.target;
      select.appendChild(o);
    }
  }

  function draw() {
    if (!result) return;
    fillTargets();
    drawCamps();
    drawHistogram();
    drawSectors();
  }

  function saveUrl() {
    const q = new URLSearchParams({election: state.election, system: state.system, camps: state.camps, draws: state.draws, seed: state.seed});
    if (state.target) q.set('target', state.target);
    history.replaceState(null, '', '?' + q);
  }

  async function run() {
    showError(null);
    state.draws = $('draws').value;
    state.seed = $('seed').value;
    state.camps = $('camps').value;
    state.election = $('election').value;
    state.system = $('system').value;
    state.transfers = $('transfers').value.trim();
    sessionStorage.setItem('terrain.transfers', state.transfers);
    saveUrl();
    $('status').textContent = t('running');
    $('run').disabled = true;
    document.body.dataset.simulation = 'running';
    const start = performance.now();
    try {
      result = await api('/api/simulation', new URLSearchParams({election: state.election, system: state.system,
        draws: state.draws, seed: state.seed, camps: state.camps, transfers: state.transfers}));
      $('status').textContent = t('done')(num(result.draws), num(performance.now() - start));
      showWarnings(result.warnings);
      document.querySelector('main.sim').hidden = false;
      draw();
      document.body.dataset.simulation = 'ready';
    } catch (e) {
      showError(e);
      showWarnings([]);
      result = null; // the figures shown were another run's: not left under this one's error
      document.querySelector('main.sim').hidden = true;
      $('status').textContent = '';
      document.body.dataset.simulation = 'error';
    } finally {
      $('run').disabled = false;
    }
  }

  async function start() {
    translate();
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'fr' ? 'en' : 'fr';
      localStorage.setItem('terrain.lang', state.lang);
      translate();
      draw();
      if (result) $('status').textContent = t('done')(num(result.draws), '…');
    });
    $('controls').addEventListener('submit', (e) => { e.preventDefault(); run(); });
    $('target').addEventListener('change', () => { state.target = $('target').value; saveUrl(); drawSectors(); });
    $('draws').value = state.draws;
    $('seed').value = state.seed;
    $('camps').value = state.camps;
    $('system').value = state.system;
    $('transfers').value = state.transfers;
    $('transfers-file').addEventListener('change', async () => {
      const file = $('transfers-file').files[0];
      if (file) $('transfers').value = await file.text();
    });
    try {
      const data = await api('/api/elections');
      const rounds = data.elections.filter(e => e.round === 1 && e.stations > 0);
      if (!rounds.length) { showError(new Error(t('noElection'))); return; }
      for (const e of rounds) {
        const o = document.createElement('option');
        o.value = e.id;
        o.textContent = e.id + ' — ' + new Date(e.date).toLocaleDateString(locale());
        $('election').appendChild(o);
      }
      if (!rounds.some(e => e.id === state.election)) state.election = rounds[rounds.length - 1].id;
      $('election').value = state.election;
      await run();
    } catch (e) {
      showError(e);
    }
  }

  start();
})();
