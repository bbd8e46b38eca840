// The rights-request dashboard: requests with their deadlines (overdue first), actions on each,
// and the forms that register a request or an objection. Every change POSTs JSON with the
// session's CSRF token (from /api/me, through session.js).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell, day} = window.terrainPage;

  function button(td, label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    // the message of the action before (« Personne effacée : … ») goes: this one's replaces it
    b.addEventListener('click', () => { say(''); action().then(load).catch(e => say(e.message, 'error')); });
    td.appendChild(b);
  }

  async function load() {
    const reply = await api('/api/rights' + ($('overdueOnly').checked ? '?overdue=true' : ''));
    const missing = reply.settingsMissing || [];
    $('settingsMissing').hidden = missing.length === 0;
    $('settingsMissing').textContent = 'Les réponses aux demandes d\'accès diront « à renseigner » pour : '
      + missing.join(', ') + '. Renseignez ces clés dans privacy.properties, dans le répertoire des données'
      + ' (./terrain retention policy --init écrit le modèle).';
    $('summary').textContent = reply.requests.length + ' demande(s) ; ' + reply.overdue + ' en retard au ' + day(reply.asOf) + '.';
    const body = $('requests').tBodies[0];
    body.innerHTML = '';
    for (const r of reply.requests) {
      const tr = document.createElement('tr');
      if (r.overdue) tr.className = 'error';
      cell(tr, r.id);
      cell(tr, r.kindLabel);
      cell(tr, r.person || (r.personId == null ? 'effacée' : '#' + r.personId));
      cell(tr, day(r.receivedOn) + ' (' + r.receivedViaWords + ')');
      cell(tr, day(r.deadline) + (r.extendedDueOn ? ' (prolongée)' : '') + (r.overdue ? ' — EN RETARD' : ''));
      cell(tr, r.statusLabel + (r.refusalReason ? ' : ' + r.refusalReason : '')
        + (r.restrictionInForce ? ' — limitation en vigueur' : ''));
      const actions = cell(tr, '');
      if (r.status === 'received' || r.status === 'in-progress') {
        if (r.kind === 'access') {
          const a = document.createElement('a');
          a.href = '/droits/' + r.id + '/export';
          a.textContent = 'Export (page)';
          a.target = '_blank';
          actions.appendChild(a);
          actions.appendChild(document.createTextNode(' '));
          const j = document.createElement('a');
          j.href = '/api/rights/' + r.id + '/export';
          j.textContent = 'JSON';
          actions.appendChild(j);
          actions.appendChild(document.createTextNode(' '));
        }
        if (r.status === 'received') button(actions, 'Commencer', () => api('/api/rights/' + r.id + '/start', {}));
        // an extension is announced within the first month (RGPD art. 12(3)): none once the request is overdue
        if (!r.extendedDueOn && !r.overdue) button(actions, 'Prolonger', () => {
          const reason = prompt('Motif de la prolongation (dit à la personne) :');
          return reason ? api('/api/rights/' + r.id + '/extend', {reason}) : Promise.resolve();
        });
        if (r.kind === 'erasure') {
          button(actions, 'Effacer', () => confirm('Effacer définitivement cette personne ?')
            ? api('/api/rights/' + r.id + '/erase', {}).then(rep => say('Personne effacée : ' + erased(rep)))
            : Promise.resolve());
        } else {
          button(actions, 'Traitée', () => api('/api/rights/' + r.id + '/close', {}));
        }
        button(actions, 'Refuser', () => {
          const refuse = prompt('Motif du refus (dit à la personne) :');
          return refuse ? api('/api/rights/' + r.id + '/close', {refuse}) : Promise.resolve();
        });
      }
      if (r.restrictionInForce) {
        button(actions, 'Lever la limitation', () => {
          const note = prompt('Pourquoi la limitation est levée, et quand la personne en a été informée (RGPD art. 18(3)) :');
          return note ? api('/api/rights/' + r.id + '/lift', {note}) : Promise.resolve();
        });
      } else if (!(r.status === 'received' || r.status === 'in-progress') && r.report) {
        // an erasure's report is JSON (tables, rows, what they were): said in words
        let text = r.report;
        try { text = 'effacement : ' + erased(JSON.parse(r.report)); } catch (e) { /* a text report */ }
        actions.textContent = text.length > 220 ? text.slice(0, 220) + '…' : text;
        actions.className = 'evidence';
      }
      body.appendChild(tr);
    }
  }

  /** What an erasure deleted, in words: « 1 ligne(s) de liste électorale ; 2 adresses électroniques et téléphones ». */
  function erased(report) {
    const lines = (report.deleted || []).filter(l => l.rows > 0).map(l => l.rows + ' — ' + l.what);
    return lines.length ? lines.join(' ; ') : 'rien n\'était détenu';
  }

  function values(form) {
    const out = {};
    for (const [k, v] of new FormData(form).entries()) if (v) out[k] = v;
    return out;
  }

  $('add').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = values(ev.target);
    api('/api/rights', {kind: v.kind, receivedOn: v.receivedOn, via: v.via,
      person: {name: v.name, firstNames: v.firstNames, birthDate: v.birthDate, commune: v.commune}})
      .then(r => { say('Demande n° ' + r.id + ' enregistrée, échéance le ' + day(r.deadline) + '.'); ev.target.reset(); return load(); })
      .catch(e => say(e.message, 'error'));
  });

  $('suppress').addEventListener('submit', (ev) => {
    ev.preventDefault();
    api('/api/suppressions', values(ev.target))
      .then(r => { say(r.hashesAdded + ' empreinte(s) ajoutée(s), ' + r.voterRowsRemoved + ' ligne(s) de liste électorale supprimée(s).'); ev.target.reset(); return load(); })
      .catch(e => say(e.message, 'error'));
  });

  $('overdueOnly').addEventListener('change', () => load().catch(e => say(e.message, 'error')));

  window.terrainSession.then(() => load()).catch(e => say(e.message, 'error'));
})();
