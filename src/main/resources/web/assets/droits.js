// The rights-request dashboard: requests with their deadlines (overdue first), actions on each,
// and the forms that register a request or an objection. Every change POSTs JSON with the
// session's CSRF token (from /api/me, through session.js).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell, day} = window.terrainPage;

  /**
   * Runs a request with its button disabled until the answer: a double click sent a rights request, or an objection,
   * twice.
   */
  function busy(b, work) {
    if (b.disabled) return Promise.resolve();
    b.disabled = true;
    return work().finally(() => { b.disabled = false; });
  }

  function button(td, label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    // the message of the action before (« Personne effacée : … ») goes: this one's replaces it
    b.addEventListener('click', () => { say(''); busy(b, action).then(load).catch(e => say(e.message, 'error')); });
    td.appendChild(b);
  }

  /** A form's answer beside the form (at the top of the page, it was out of sight on a phone). */
  function tell(form, text, kind) {
    const m = $(form.id + '-status');
    m.textContent = text;
    m.className = kind || 'ok';
    m.hidden = !text;
    if (text) m.scrollIntoView({block: 'nearest'});
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
      // open or closed: what was sent to the person stays at hand (to send again, to show the CNIL)
      if (r.kind === 'access' && r.personId != null) {
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
      if (r.status === 'received' || r.status === 'in-progress') {
        if (r.status === 'received') button(actions, 'Commencer', () => api('/api/rights/' + r.id + '/start', {}));
        // an extension is announced within the first month (RGPD art. 12(3)): none once the request is overdue
        if (!r.extendedDueOn && !r.overdue) button(actions, 'Prolonger', () => {
          const reason = prompt('Motif de la prolongation (dit à la personne) :');
          if (reason === '') return Promise.reject(new Error('Prolongation non faite : son motif est requis (il est dit à la personne).'));
          return reason ? api('/api/rights/' + r.id + '/extend', {reason}) : Promise.resolve();
        });
        if (r.kind === 'erasure') {
          button(actions, 'Effacer', () => confirm('Effacer définitivement cette personne ?')
            ? api('/api/rights/' + r.id + '/erase', {}).then(rep => say('Personne effacée : ' + erased(rep)))
            : Promise.resolve());
        } else if (r.kind === 'objection') {
          // closing an objection lists the person and deletes their electoral-list rows: for good
          button(actions, 'Traitée', () => confirm('Inscrire cette personne sur la liste d\'opposition ? Ses lignes de'
            + ' liste électorale seront supprimées et ses consentements retirés ; c\'est définitif.')
            ? api('/api/rights/' + r.id + '/close', {}) : Promise.resolve());
        } else {
          // what was done (a rectification: which record, which field) is kept with the request
          button(actions, 'Traitée', () => {
            const note = prompt('Ce qui a été fait (gardé avec la demande) :');
            return note === null ? Promise.resolve() : api('/api/rights/' + r.id + '/close', note ? {note} : {});
          });
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
        actions.appendChild(Object.assign(document.createElement('span'), {className: 'evidence',
          textContent: text.length > 220 ? text.slice(0, 220) + '…' : text}));
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
    const form = ev.target;
    const v = values(form);
    busy(form.querySelector('button'), () => api('/api/rights', {kind: v.kind, receivedOn: v.receivedOn, via: v.via,
      person: {name: v.name, firstNames: v.firstNames, birthDate: v.birthDate, commune: v.commune}}))
      .then(r => { if (!r) return; tell(form, 'Demande n° ' + r.id + ' enregistrée, échéance le ' + day(r.deadline) + '.'); form.reset(); return load(); })
      .catch(e => tell(form, e.message, 'error'));
  });

  $('suppress').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.target;
    busy(form.querySelector('button'), () => api('/api/suppressions', values(form)))
      .then(r => {
        if (!r) return;
        tell(form, r.hashesAdded + ' empreinte(s) ajoutée(s)' + (r.alreadyListed ? ', ' + r.alreadyListed + ' déjà sur la liste' : '')
          + ', ' + r.voterRowsRemoved + ' ligne(s) de liste électorale supprimée(s).');
        form.reset();
        return load();
      })
      .catch(e => tell(form, e.message, 'error'));
  });

  $('overdueOnly').addEventListener('change', () => load().catch(e => say(e.message, 'error')));

  window.terrainSession.then(() => load()).catch(e => say(e.message, 'error'));
})();
