// The targeting plan: hours by sector and by station, from GET /api/plan.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {option} = window.terrainPage;
  const fmt = (v, d = 0) => v == null ? '—' : new Intl.NumberFormat('fr-FR', {maximumFractionDigits: d, minimumFractionDigits: d}).format(v);
  const params = new URLSearchParams(location.search);

  async function api(path, q) {
    const r = await fetch(path + (q ? '?' + q : ''), {headers: {Accept: 'application/json'}});
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  function say(text, kind) {
    $('message').textContent = text;
    $('message').className = kind || '';
    $('message').hidden = !text;
  }

  function cell(tr, text, numeric, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) td.className = 'n';
    if (className) td.className = className;
    tr.appendChild(td);
  }

  function query() {
    const q = new URLSearchParams({election: $('election').value, bloc: $('bloc').value, hours: $('hours').value});
    if ($('reference').value) q.set('reference', $('reference').value);
    return q;
  }

  async function compute(event) {
    if (event) event.preventDefault();
    say('');
    if (!$('bloc').value) {
      // blocs are saved by those who manage the data; for the others the page Blocs is read-only
      const me = await window.terrainSession;
      say(me && me.permissions.includes('MANAGE_DATA') ? 'Aucun bloc : créez-en un sur la page Blocs.'
        : 'Aucun bloc de listes défini : la direction de campagne le crée sur la page Blocs, le plan s\'affichera ensuite.',
        'notice');
      return;
    }
    history.replaceState(null, '', '?' + query());
    let plan;
    try {
      plan = await api('/api/plan', query());
    } catch (e) {
      clear(); // the plan shown was another setting's: neither it nor links to this failing one stay
      say(e.message, 'error');
      document.body.dataset.plan = 'error';
      return;
    }
    const map = new URLSearchParams(query());
    map.set('indicator', 'plan:hours');
    $('to-map').href = '/carte?' + map;
    $('to-csv').href = '/api/plan.csv?' + query();
    $('to-map').hidden = $('to-csv').hidden = false;
    $('summary').textContent = 'Bloc « ' + plan.bloc + ' », ' + plan.election + ' : ' + fmt(plan.hoursAllocated) + ' heures réparties sur '
      + fmt(plan.hoursGiven) + ', gain attendu ' + fmt(plan.expectedGain) + ' voix'
      + (plan.reference ? ' (référence ' + plan.reference + ')' : '') + '. '
      + (plan.sympatheticModel === 'transitions'
        ? 'Abstentionnistes sympathisants estimés par les transitions depuis ' + plan.reference + ' (régression de Goodman bornée). '
        : 'Abstentionnistes sympathisants : hypothèse qu\'ils penchent comme les votants semblables (choisissez une élection de référence pour une estimation par transitions). ')
      + plan.notes.join(' ')
      + (plan.yourSectors ? ' Dans vos secteurs : ' + fmt(plan.yourSectors.hours, 1) + ' heure(s) sur '
        + fmt(plan.yourSectors.stations) + ' bureau(x), gain attendu ' + fmt(plan.yourSectors.expectedGain, 1) + ' voix.' : '');
    const sectors = $('sectors').tBodies[0];
    sectors.innerHTML = '';
    for (const s of plan.sectors) {
      const tr = document.createElement('tr');
      cell(tr, s.sector);
      cell(tr, fmt(s.stations), true);
      cell(tr, fmt(s.registered), true);
      cell(tr, fmt(s.hours, 1), true);
      cell(tr, fmt(s.expectedGain, 1), true);
      cell(tr, fmt(s.bestMarginalValue, 3), true);
      cell(tr, Object.entries(s.topTopics).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => k + ' (' + n + ')').join(', '));
      sectors.appendChild(tr);
    }
    const stations = $('stations').tBodies[0];
    stations.innerHTML = '';
    for (const r of plan.stations.slice(0, 200)) {
      const tr = document.createElement('tr');
      tr.dataset.station = r.station;
      cell(tr, r.station);
      cell(tr, r.sector);
      cell(tr, fmt(r.registered), true);
      cell(tr, fmt(100 * r.turnout.value, 1) + ' %', true);
      cell(tr, fmt(100 * r.bloc_share.value, 1) + ' %', true);
      cell(tr, fmt(r.sympathetic_abstainers.value) + ' [' + fmt(r.sympathetic_abstainers.low) + '–' + fmt(r.sympathetic_abstainers.high) + ']', true);
      cell(tr, fmt(r.persuadables.value), true);
      cell(tr, fmt(r.score, 3), true);
      cell(tr, fmt(r.hours, 1), true);
      cell(tr, fmt(r.expected_gain, 2), true);
      const topic = r.topics[0];
      cell(tr, topic ? topic.label + ' — ' + topic.evidence : '—', false, 'evidence');
      stations.appendChild(tr);
    }
    turfLink(plan);
    document.body.dataset.plan = 'ready';
  }

  function clear() {
    $('summary').textContent = '';
    $('sectors').tBodies[0].replaceChildren();
    $('stations').tBodies[0].replaceChildren();
    $('to-turfs').hidden = true;
    $('to-map').hidden = $('to-csv').hidden = true;
  }

  // the top of the plan (stations given hours, in the table's order) to the page that cuts turfs, for those
  // whose menu opens it
  function turfLink(plan) {
    const form = $('to-turfs');
    if (!document.querySelector('nav.menu a[href="/terrain/tournees"]')) return;
    const given = plan.stations.filter(r => r.hours > 0).map(r => r.station);
    form.hidden = !given.length;
    const update = () => {
      const n = Math.max(1, Math.min(Number($('top').max), Number($('top').value) || 10)); // max: the cut's limit
      $('to-turfs-link').href = '/terrain/tournees?bureaux=' + given.slice(0, n).join(',');
      $('to-turfs-link').textContent = 'Découper en tournées les ' + Math.min(n, given.length) + ' premiers bureaux';
    };
    $('top').oninput = update;
    form.onsubmit = e => { e.preventDefault(); location.href = $('to-turfs-link').href; };
    update();
  }

  async function start() {
    const data = await api('/api/elections');
    const blocs = (await api('/api/blocs')).blocs;
    option($('reference'), '', '— aucune —', !params.get('reference'));
    for (const e of data.elections) {
      option($('election'), e.id, e.id, e.id === params.get('election'));
      option($('reference'), e.id, e.id, e.id === params.get('reference'));
    }
    if (!params.get('election') && data.elections.length) $('election').value = data.elections[data.elections.length - 1].id;
    for (const b of blocs) option($('bloc'), b.name, b.name, b.name === params.get('bloc'));
    if (params.get('hours')) $('hours').value = params.get('hours');
    $('form').addEventListener('submit', compute);
    await compute();
  }

  start().catch(e => say(e.message, 'error'));
})();
