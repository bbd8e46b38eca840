// The signed-in user and the session's CSRF token, for every page: fills the user's name and the
// hidden _csrf fields of forms (logout), and exposes terrainSession for scripts that POST,
// and terrainPage, the helpers those scripts share.

// On a phone the menu is one row that scrolls sideways: bring the current page's link into view.
document.querySelector('nav.menu [aria-current=page]')?.scrollIntoView({block: 'nearest', inline: 'center'});

window.terrainSession = fetch('/api/me', {headers: {Accept: 'application/json'}})
  .then(r => r.ok ? r.json() : null)
  .catch(() => null)
  .then(me => {
    if (me) {
      for (const input of document.querySelectorAll('input[name=_csrf]')) input.value = me.csrfToken || '';
      // in French, and in English for the pages that translate themselves (their translate() reads data-fr/data-en)
      for (const el of document.querySelectorAll('[data-user]')) {
        el.dataset.fr = me.name + ' (' + (me.role_name || me.role) + ')';
        el.dataset.en = me.name + ' (' + (me.role_name_en || me.role) + ')';
        el.textContent = document.documentElement.lang === 'en' ? el.dataset.en : el.dataset.fr;
      }
    }
    return me;
  });

// Helpers of the pages that POST JSON: api() sends the session's CSRF token (with a body: POST, or the method
// given, as api(path, undefined, 'DELETE')), say() shows a message in
// the page's #message element, cell() appends a text cell to a table row; count() and day() write numbers
// and days the French way, arr() a sector by its number (an arrondissement 1er, 12e; a commune by its code, as the
// server names it without a name: commune 29039; teams and turfs carry their sector_name, « Concarneau (29039) »,
// which pages show instead). read() reads JSON for the pages that only read (the
// map, the simulation), option() appends a choice to a <select>.
window.terrainPage = (function () {
  'use strict';
  async function api(path, body, method) {
    const options = {headers: {Accept: 'application/json'}};
    if (body !== undefined || method) {
      const me = await window.terrainSession;
      options.method = method || 'POST';
      options.headers['X-CSRF-Token'] = (me && me.csrfToken) || '';
      if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
    }
    const r = await fetch(path, options);
    const reply = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(reply.error || r.statusText);
    return reply;
  }

  function say(text, kind) {
    const m = document.getElementById('message');
    m.textContent = text;
    m.className = kind || 'ok';
    m.hidden = !text;
  }

  function cell(tr, text) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    tr.appendChild(td);
    return td;
  }

  // a GET with its query (URLSearchParams); a session that ended goes to the sign-in page, which brings the user back
  async function read(path, query) {
    const response = await fetch(path + (query ? '?' + query : ''), {headers: {Accept: 'application/json'}});
    if (response.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); throw new Error('401'); }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function option(select, value, label, selected) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    o.selected = selected;
    select.appendChild(o);
  }

  // a whole number as the pages write it (20 382), a day given as 2026-03-15 as 15/03/2026
  const count = (n) => Number(n).toLocaleString('fr-FR');
  const day = (iso) => iso ? iso.split('-').reverse().join('/') : '';
  // an arrondissement as French writes it: 1er, 2e … 20e; a sector above 99 is a commune (SectorNames)
  const arr = (n) => Number(n) > 99 ? 'commune ' + String(n).padStart(5, '0') : Number(n) === 1 ? '1er' : n + 'e';

  return {api, read, say, cell, option, count, day, arr};
})();
