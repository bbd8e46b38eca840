// Where walk lists are printed (« Découpage », « Affectation »): says so when their legal notice is incomplete
// (« Responsable du traitement : à renseigner »), naming the setting to fill (GET /api/field/walk-lists/warning).
(function () {
  'use strict';
  const box = document.getElementById('walk-list-warning');
  if (!box) return;
  fetch('/api/field/walk-lists/warning', {headers: {Accept: 'application/json'}})
    .then(r => r.ok ? r.json() : {})
    .then(answer => {
      box.textContent = answer.warning || '';
      box.hidden = !answer.warning;
    })
    .catch(() => {});
})();
