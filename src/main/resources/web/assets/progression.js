// Headquarters progress: GET /api/field/progress?by=…, refreshed on every event of /api/field/progress/stream.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const fmt = (v) => v == null ? '—' : new Intl.NumberFormat('fr-FR').format(v);
  const pct = (v) => v == null ? '—' : new Intl.NumberFormat('fr-FR', {style: 'percent', maximumFractionDigits: 1}).format(v);
  const groups = {station: 'Bureau', sector: 'Secteur', turf: 'Tournée', volunteer: 'Militant'};
  const params = new URLSearchParams(location.search);
  let loading = null;
  let again = false;

  function say(text, kind) {
    $('message').textContent = text;
    $('message').className = kind || '';
    $('message').hidden = !text;
  }

  function row(body, t, tag) {
    const tr = document.createElement('tr');
    tr.dataset.key = t.key;
    const cells = [t.label, fmt(t.doors), fmt(t.knocked), fmt(t.visits), fmt(t.contacts), fmt(t.refusals), fmt(t.leaflets),
      fmt(t.absent), fmt(t.come_back), pct(t.coverage)];
    cells.forEach((text, i) => {
      const td = document.createElement(tag);
      td.textContent = text;
      if (i > 0) td.className = 'n';
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }

  async function load() {
    if (loading) { again = true; return loading; }
    const by = $('by').value;
    loading = (async () => {
      const r = await fetch('/api/field/progress?by=' + encodeURIComponent(by), {headers: {Accept: 'application/json'}});
      const data = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error(data.error || r.statusText);
      $('group').textContent = groups[by];
      $('csv').href = '/api/field/progress.csv?by=' + encodeURIComponent(by);
      const body = document.querySelector('#progress tbody');
      const foot = document.querySelector('#progress tfoot');
      body.replaceChildren();
      foot.replaceChildren();
      data.rows.forEach((t) => row(body, t, 'td'));
      if (data.rows.length === 0) {
        // « dans vos secteurs » for an organizer only: the direction's sectors are all of them
        const me = await window.terrainSession;
        say('Aucune tournée enregistrée' + (me && !me.allSectors ? ' dans vos secteurs' : '')
          + ' : elles se découpent sur la page Découpage.');
      } else {
        say('');
      }
      row(foot, Object.assign({}, data.total, {label: 'Total'}), 'th');
      document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
    })().catch((e) => say(e.message, 'error')).finally(() => {
      loading = null;
      if (again) { again = false; load(); }
    });
    return loading;
  }

  function listen() {
    const source = new EventSource('/api/field/progress/stream');
    source.addEventListener('hello', () => { $('live').textContent = 'en direct'; });
    source.addEventListener('progress', (e) => {
      const data = JSON.parse(e.data);
      $('live').textContent = 'en direct — dernier envoi : ' + fmt(data.stored) + ' résultat(s) à '
        + new Date(data.at).toLocaleTimeString('fr-FR');
      load();
    });
    source.onerror = () => { $('live').textContent = 'direct interrompu, reconnexion…'; };
  }

  if (groups[params.get('by')]) $('by').value = params.get('by');
  // per-volunteer tallies are personal data: no such choice for the roles that may not read them (analyst, DPO)
  window.terrainSession.then((me) => {
    if (me && !(me.permissions || []).includes('READ_PERSONAL_DATA')) {
      $('by').querySelector('option[value=volunteer]').remove();
    }
  });
  $('by').addEventListener('change', () => {
    history.replaceState(null, '', '?by=' + $('by').value);
    load();
  });
  load();
  listen();
})();
