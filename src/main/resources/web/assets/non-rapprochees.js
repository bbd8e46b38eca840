// The electoral list's addresses that match no BAN address (addresses only, never names), one row per
// listed address with its number of voters, a page of them at a time, each with a form to correct its
// number and street; a correction is POSTed with the session's CSRF token and re-matched at once by the
// server, which keeps it only when it matches (for every voter at that address).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell, count} = window.terrainPage;
  let offset = 0;
  let pageSize = 100; // the server's page, read from each answer

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
          say('Adresse rapprochée : ' + reply.address + ' (' + reply.qualityLabel + ') ; '
            + count(reply.votersCorrected) + ' électeur(s) inscrit(s) à cette adresse corrigé(s).', 'ok');
          return load();
        })
        .catch(err => { say(err.message, 'error'); go.disabled = false; });
    });
    td.appendChild(form);
  }

  let asked = 0; // the latest request: an earlier answer arriving after it is dropped

  async function load() {
    const contest = $('contest').value;
    const mine = ++asked;
    $('summary').textContent = 'Chargement : rapprochement de la liste avec la BAN…';
    $('pager').hidden = true;
    const reply = await api('/api/addresses/unmatched?offset=' + offset
      + (contest ? '&contest=' + encodeURIComponent(contest) : ''));
    if (mine !== asked) return;
    if ($('contest').options.length === 0) {
      for (const c of reply.contests) {
        const o = document.createElement('option');
        o.value = c;
        o.textContent = c;
        $('contest').appendChild(o);
      }
      $('contest').value = reply.contest;
    }
    if (reply.addresses > 0 && reply.offset >= reply.addresses) { // the last page emptied by a correction
      offset = Math.max(0, reply.addresses - reply.limit);
      return load();
    }
    const reasons = Object.entries(reply.byReason).map(([k, v]) => count(v) + ' ' + k).join(', ');
    // the reasons count voters, not addresses: said beside the voters
    $('summary').textContent = count(reply.unmatchedVoters) + ' électeur(s) non rapproché(s) sur ' + count(reply.voters)
      + (reply.allSectors ? ' sur la liste' : ' dans vos secteurs') + (reasons ? ' (' + reasons + ')' : '') + ', à '
      + count(reply.addresses) + ' adresse(s).'
      + (reply.votersWithoutStationHidden ? ' ' + count(reply.votersWithoutStationHidden) + ' électeur(s) de la liste'
        + ' sans bureau de vote ne sont pas comptés ici : seule la direction les voit.' : '');
    const body = $('unmatched').tBodies[0];
    body.innerHTML = '';
    for (const r of reply.unmatched) {
      const tr = document.createElement('tr');
      tr.dataset.voter = r.voterId;
      cell(tr, count(r.voters));
      cell(tr, r.stations.join(', '));
      cell(tr, [r.number, r.streetType, r.streetName].filter(Boolean).join(' '));
      cell(tr, r.complements ? count(r.complements) : '');
      cell(tr, r.postcode);
      cell(tr, r.reasonLabel + (r.corrected ? ' (déjà corrigée)' : ''));
      correctionForm(cell(tr, ''), r);
      body.appendChild(tr);
    }
    pageSize = reply.limit;
    const last = reply.offset + reply.unmatched.length;
    $('range').textContent = reply.addresses === 0 ? '' : 'adresses ' + count(reply.offset + 1) + ' à ' + count(last)
      + ' sur ' + count(reply.addresses);
    $('previous').disabled = reply.offset === 0;
    $('next').disabled = last >= reply.addresses;
    $('pager').hidden = reply.addresses <= reply.limit;
  }

  function failed(e) {
    $('summary').textContent = ''; // not « Chargement… » any longer
    say(e.message, 'error');
  }

  window.terrainSession.then(() => {
    const show = () => load().catch(failed);
    $('contest').addEventListener('change', () => { offset = 0; show(); });
    $('previous').addEventListener('click', () => { offset = Math.max(0, offset - pageSize); show(); });
    $('next').addEventListener('click', () => { offset += pageSize; show(); });
    return load();
  }).catch(failed);
})();
