// The electoral list's records whose address matches no BAN address (addresses only, never names),
// each with a form to correct its number and street; a correction is POSTed with the session's CSRF
// token and re-matched at once by the server, which keeps it only when it matches.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell} = window.terrainPage;

  function input(name, value, label, size) {
    const i = document.createElement('input');
    i.name = name;
    i.value = value || '';
    i.size = size;
    i.setAttribute('aria-label', label);
    return i;
  }

  function correctionForm(td, r) {
    const form = document.createElement('form');
    form.className = 'correction';
    const number = input('number', r.number, 'numéro', 5);
    const street = input('street', [r.streetType, r.streetName].filter(Boolean).join(' '), 'voie', 28);
    const go = document.createElement('button');
    go.textContent = 'Corriger et rapprocher';
    form.append(number, ' ', street, ' ', go);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      go.disabled = true;
      api('/api/addresses/unmatched/' + r.voterId + '/correction', {number: number.value, street: street.value})
        .then(reply => {
          say('Électeur ' + r.voterId + ' rapproché : ' + reply.address + ' (' + reply.qualityLabel + ') ; '
            + reply.votersCorrected + ' électeur(s) inscrit(s) à cette adresse corrigé(s).', 'ok');
          return load();
        })
        .catch(err => { say(err.message, 'error'); go.disabled = false; });
    });
    td.appendChild(form);
  }

  async function load() {
    const contest = $('contest').value;
    const reply = await api('/api/addresses/unmatched' + (contest ? '?contest=' + encodeURIComponent(contest) : ''));
    if ($('contest').options.length === 0) {
      for (const c of reply.contests) {
        const o = document.createElement('option');
        o.value = c;
        o.textContent = c;
        $('contest').appendChild(o);
      }
      $('contest').value = reply.contest;
    }
    const reasons = Object.entries(reply.byReason).map(([k, v]) => v + ' ' + k).join(', ');
    $('summary').textContent = reply.unmatched.length + ' électeur(s) non rapproché(s) sur ' + reply.voters
      + ' dans vos secteurs' + (reasons ? ' : ' + reasons : '') + '.';
    const body = $('unmatched').tBodies[0];
    body.innerHTML = '';
    for (const r of reply.unmatched) {
      const tr = document.createElement('tr');
      tr.dataset.voter = r.voterId;
      cell(tr, r.voterId);
      cell(tr, r.station);
      cell(tr, [r.number, r.streetType, r.streetName].filter(Boolean).join(' '));
      cell(tr, r.complement);
      cell(tr, r.postcode);
      cell(tr, r.reasonLabel + (r.corrected ? ' (déjà corrigée)' : ''));
      correctionForm(cell(tr, ''), r);
      body.appendChild(tr);
    }
  }

  window.terrainSession.then(() => {
    $('contest').addEventListener('change', () => load().catch(e => say(e.message, 'error')));
    return load();
  }).catch(e => say(e.message, 'error'));
})();
