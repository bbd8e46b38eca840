// The volunteer's own availability (weekly slots) and optional home point: GET/PUT /api/field/me.
(() => {
  'use strict';
  const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
  const $ = id => document.getElementById(id);
  if (location.search.includes('bienvenue')) $('welcome').hidden = false;

  function slotRow(slot) {
    const tr = document.createElement('tr');
    const day = document.createElement('select');
    day.className = 'day';
    DAYS.forEach((d, i) => { const o = document.createElement('option'); o.value = String(i + 1); o.textContent = d; day.append(o); });
    day.value = String(slot.day || 6);
    const start = Object.assign(document.createElement('input'), {type: 'time', className: 'start', value: slot.start || '10:00', required: true});
    const end = Object.assign(document.createElement('input'), {type: 'time', className: 'end', value: slot.end || '12:00', required: true});
    const remove = Object.assign(document.createElement('button'), {type: 'button', textContent: 'Retirer'});
    remove.addEventListener('click', () => tr.remove());
    for (const el of [day, start, end, remove]) { const td = document.createElement('td'); td.append(el); tr.append(td); }
    $('slots').append(tr);
  }

  function status(text, bad) { $('status').textContent = text; $('status').className = bad ? 'error' : 'ok'; }

  // the server names the JSON field it refuses (« availability[2] : … », « home : … »): the volunteer sees rows
  function readable(error) {
    return error.replace(/^availability\[(\d+)\]/, (all, i) => 'Créneau ' + (Number(i) + 1))
      .replace(/^home :/, 'Point de départ :');
  }

  async function load() {
    const r = await fetch('/api/field/me', {headers: {Accept: 'application/json'}});
    if (!r.ok) { status((await r.json()).error || 'erreur ' + r.status, true); return; }
    const me = await r.json();
    $('slots').replaceChildren();
    me.availability.forEach(slotRow);
    if (me.home) { $('lat').value = me.home.lat; $('lon').value = me.home.lon; }
    document.body.dataset.ready = 'yes';
  }

  $('add-slot').addEventListener('click', () => slotRow({}));
  $('clear-home').addEventListener('click', () => { $('lat').value = ''; $('lon').value = ''; });
  $('here').addEventListener('click', () => navigator.geolocation && navigator.geolocation.getCurrentPosition(p => {
    $('lat').value = p.coords.latitude.toFixed(5);
    $('lon').value = p.coords.longitude.toFixed(5);
  }, e => status('Position indisponible : ' + ({1: 'vous avez refusé de la donner à ce site', 2: 'le téléphone ne la'
    + ' trouve pas', 3: 'elle n\'est pas venue à temps'}[e.code] || 'raison inconnue') + ' ; saisissez le point de départ'
    + ' à la main.', true)));
  $('availability').addEventListener('submit', async e => {
    e.preventDefault();
    const availability = [...$('slots').querySelectorAll('tr')].map(tr => ({day: Number(tr.querySelector('.day').value),
      start: tr.querySelector('.start').value, end: tr.querySelector('.end').value}));
    const lat = $('lat').value, lon = $('lon').value;
    if ((lat === '') !== (lon === '')) {
      // one of the two only: nothing would be saved for the starting point, say so rather than « Enregistré »
      status('Point de départ : donnez la latitude et la longitude, ou videz les deux.', true);
      return;
    }
    const home = lat !== '' && lon !== '' ? {lat: Number(lat), lon: Number(lon)} : null;
    const me = await window.terrainSession;
    const r = await fetch('/api/field/me', {method: 'PUT', headers: {'Content-Type': 'application/json', Accept: 'application/json',
      'X-CSRF-Token': me ? me.csrfToken : ''}, body: JSON.stringify({availability, home})});
    if (r.ok) status('Enregistré.'); else status(readable((await r.json()).error || 'erreur ' + r.status), true);
  });
  load();
})();
