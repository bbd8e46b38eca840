// Tagging lists into blocs: "ours", "neighbours" or neither, election by election; saved as the
// JSON of a bloc file (docs/targeting.md) through POST /api/blocs.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {option} = window.terrainPage;
  const nf = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 1});
  let elections = [], blocs = [], me = null;
  let current = {name: '', ours: {}, neighbours: {}};

  async function api(path, options) {
    const r = await fetch(path, Object.assign({headers: {Accept: 'application/json'}}, options));
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  function say(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.className = kind;
    m.hidden = !text;
  }

  function fillBlocs() {
    const sel = $('bloc');
    sel.innerHTML = '';
    option(sel, '', '— nouveau bloc —', !current.name);
    for (const b of blocs) option(sel, b.name, b.name, b.name === current.name);
  }

  function side(label) {
    const e = $('election').value;
    if ((current.ours[e] || []).includes(label)) return 'ours';
    if ((current.neighbours[e] || []).includes(label)) return 'neighbours';
    return 'none';
  }

  function drawLists() {
    const e = elections.find(x => x.id === $('election').value);
    const body = $('lists').tBodies[0];
    body.innerHTML = '';
    if (!e) return;
    const editable = me && me.permissions.includes('MANAGE_DATA');
    for (const l of e.lists) {
      const tr = document.createElement('tr');
      tr.dataset.label = l.label;
      tr.dataset.search = (l.label + ' ' + (l.nuance || '') + ' ' + l.arrondissements.join(' ')).toLowerCase();
      const cells = [l.label, l.nuance || '', l.arrondissements.join(', '), nf.format(l.votes), nf.format(l.share)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i >= 3) td.className = 'n';
        tr.appendChild(td);
      });
      for (const s of ['ours', 'neighbours', 'none']) {
        const td = document.createElement('td');
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = 'side-' + l.label;
        input.value = s;
        input.checked = side(l.label) === s;
        input.disabled = !editable;
        input.setAttribute('aria-label', l.label + ' : ' + s);
        input.addEventListener('change', () => setSide(e.id, l.label, s));
        td.appendChild(input);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    filter();
  }

  function setSide(election, label, s) {
    for (const k of ['ours', 'neighbours']) {
      const list = (current[k][election] || []).filter(x => x !== label);
      if (k === s) list.push(label);
      if (list.length) current[k][election] = list; else delete current[k][election];
    }
  }

  function filter() {
    const q = $('filter').value.toLowerCase();
    for (const tr of $('lists').tBodies[0].rows) tr.hidden = q && !tr.dataset.search.includes(q);
  }

  function load(name) {
    const b = blocs.find(x => x.name === name);
    current = b && b.definition ? {name: b.name, ours: b.definition.ours || {}, neighbours: b.definition.neighbours || {}}
      : {name: '', ours: {}, neighbours: {}};
    $('name').value = current.name;
    fillBlocs();
    drawLists();
  }

  async function save() {
    const name = $('name').value.trim();
    if (!name) { say('Donnez un nom au bloc.', 'error'); return; }
    if (!Object.keys(current.ours).length) { say('Cochez au moins une liste « Nous ».', 'error'); return; }
    const definition = {name, ours: current.ours, neighbours: current.neighbours};
    try {
      await api('/api/blocs', {method: 'POST', body: JSON.stringify(definition),
        headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': me.csrfToken}});
      blocs = (await api('/api/blocs')).blocs;
      current.name = name;
      fillBlocs();
      say('Bloc « ' + name + ' » enregistré.', 'ok');
    } catch (e) {
      say(e.message, 'error');
    }
  }

  async function start() {
    me = await window.terrainSession;
    const data = await api('/api/elections');
    elections = data.elections;
    blocs = (await api('/api/blocs')).blocs;
    for (const e of elections) option($('election'), e.id, e.id, false);
    if (elections.length) $('election').value = elections[elections.length - 1].id;
    const editable = me && me.permissions.includes('MANAGE_DATA');
    $('readonly').hidden = editable;
    $('save').disabled = !editable;
    $('name').disabled = !editable;
    load(blocs.length ? blocs[0].name : '');
    $('bloc').addEventListener('change', () => load($('bloc').value));
    $('election').addEventListener('change', drawLists);
    $('filter').addEventListener('input', filter);
    $('save').addEventListener('click', save);
  }

  start().catch(e => say(e.message, 'error'));
})();
