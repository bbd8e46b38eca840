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
      if (body.sectorSearch) sectorSearch(body.sectorLabel, body.sectorCount);
      else if (body.sectors && body.sectors.length) sectorChoice(body.sectorLabel, body.sectors);
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

  // Too many sectors to list (ADR 0037): the visitor types a name or an INSEE code, the server suggests the sectors
  // that have stations (/api/inscription/secteurs), and the form sends the chosen one's number. Text matching no
  // suggestion is sent as typed, for the server to refuse by name rather than to file the visitor nowhere.
  function sectorSearch(label, count) {
    const number = document.querySelector('#signup input[name="secteur"]');
    const input = document.createElement('input');
    input.type = 'text';
    input.id = 'sector-search';
    input.setAttribute('list', 'sector-options');
    input.autocomplete = 'off';
    input.setAttribute('aria-describedby', 'sector-help');
    const options = document.createElement('datalist');
    options.id = 'sector-options';
    const chosen = document.createElement('input');
    chosen.type = 'hidden';
    chosen.name = 'secteur';
    number.replaceWith(input, options, chosen);
    document.getElementById('sector-label').textContent = label;
    const help = document.createElement('p');
    help.id = 'sector-help';
    help.className = 'muted';
    help.setAttribute('aria-live', 'polite');
    const hint = 'Tapez au moins 2 caractères du nom de la commune ou de son code INSEE, puis choisissez parmi les'
      + ' propositions (' + count + ' possibles).';
    help.textContent = hint;
    input.closest('p').after(help);
    let found = [];
    let asked = 0;
    let timer = null;
    input.addEventListener('input', () => {
      const typed = input.value.trim();
      const match = found.find((s) => s.name === typed);
      chosen.value = match ? String(match.sector) : typed;
      if (match) return;
      clearTimeout(timer);
      timer = setTimeout(() => suggest(typed), 200);
    });

    function suggest(typed) {
      const mine = ++asked;
      if (typed.replace(/[^\p{L}\p{N}]/gu, '').length < 2) {
        options.replaceChildren();
        help.textContent = hint;
        return;
      }
      fetch('/api/inscription/secteurs?q=' + encodeURIComponent(typed), {headers: {Accept: 'application/json'}})
        .then((r) => r.json().then((body) => ({ok: r.ok, body})))
        .then(({ok, body}) => {
          if (mine !== asked) return; // a later keystroke already asked again
          if (!ok) { help.textContent = body.error || hint; return; }
          found = body.sectors;
          options.replaceChildren(...found.map((s) => new Option(s.name)));
          help.textContent = found.length === 0 ? 'Aucune commune ne correspond à « ' + typed + ' ».'
            : found.length + (found.length > 1 ? ' propositions' : ' proposition')
              + (body.more ? ' (il y en a d\'autres : précisez)' : '') + '.';
        })
        .catch(() => { if (mine === asked) help.textContent = 'Les propositions n\'ont pas pu être chargées.'; });
    }
  }
})();
