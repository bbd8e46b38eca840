// The public sign-up page: shows the exact notice text the consent will cite (its version is
// recorded with the consent). The consent box is never ticked in advance.
(function () {
  'use strict';
  const notice = document.getElementById('notice');
  fetch('/api/inscription/mention', {headers: {Accept: 'application/json'}})
    .then((r) => r.json().then((body) => ({ok: r.ok, body})))
    .then(({ok, body}) => {
      if (!ok) {
        notice.textContent = body.error || 'Les inscriptions ne sont pas ouvertes pour le moment.';
        for (const field of document.querySelectorAll('#signup input, #signup select, #signup button')) field.disabled = true;
        return;
      }
      notice.textContent = body.text;
      if (body.sectors && body.sectors.length) sectorChoice(body.sectorLabel, body.sectors);
      document.getElementById('who').textContent = body.controller + ' — liste ' + body.list + ', ' + body.election;
    })
    .catch(() => { notice.textContent = 'La mention n\'a pas pu être chargée.'; });
  document.getElementById('consent').checked = false;

  // Where the campaign holds a commune's stations, the sector is chosen among those the server offers (the
  // arrondissements and communes that have stations, named), not typed as Paris's arrondissement number.
  function sectorChoice(label, sectors) {
    const input = document.querySelector('#signup input[name="secteur"]');
    const select = document.createElement('select');
    select.name = 'secteur';
    select.add(new Option('—', ''));
    for (const s of sectors) select.add(new Option(s.name, String(s.sector)));
    input.replaceWith(select);
    document.getElementById('sector-label').textContent = label;
  }
})();
