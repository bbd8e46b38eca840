// The assignment page: turfs of the organizer's sectors dragged onto volunteers (HTML5 drag and
// drop), or given with each turf's select (keyboard); "Suggérer" asks /api/field/suggestions.
// Every change is PUT /api/field/turfs/{id}/assignee.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  let turfs = [];
  let volunteers = [];
  let suggestions = new Map(); // turf id → suggestion
  let plan = new URLSearchParams(location.search).get('plan') || ''; // the plan whose free turfs are shown, or all

  async function call(method, path, body) {
    const me = await window.terrainSession;
    const r = await fetch(path, {method, headers: Object.assign({Accept: 'application/json'}, body !== undefined ? {
      'Content-Type': 'application/json', 'X-CSRF-Token': me ? me.csrfToken : ''} : {}),
      body: body !== undefined ? JSON.stringify(body) : undefined});
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw Object.assign(new Error(json.error || 'erreur ' + r.status), {status: r.status});
    return json;
  }

  function say(text, bad) { $('status').textContent = text; $('status').className = bad ? 'error' : text ? 'ok' : ''; }

  /** Whether the volunteer belongs to the turf's sector (an account of every sector lists none): « Suggérer » offers no one else. */
  function ofSector(v, t) { return !v.sectors.length || v.sectors.includes(t.arrondissement); }

  async function assign(turfId, userId) {
    const before = turfs.find(t => t.id === turfId);
    try {
      // who this page saw holding it: given meanwhile by someone else, the server refuses (409) rather than replace
      const now = await call('PUT', '/api/field/turfs/' + turfId + '/assignee', {user_id: userId,
        expected_user_id: before && before.assigned_to ? before.assigned_to.id : null});
      // known at once, not when the list below is read again: a change made meanwhile expects this holder
      turfs = turfs.map(t => t.id === turfId ? now : t);
      suggestions.delete(turfId);
      const who = volunteers.find(v => v.id === userId);
      const name = who ? who.display_name : 'n° ' + userId;
      const turf = turfs.find(t => t.id === turfId);
      // allowed (a volunteer lends a hand next door), but said: the volunteer will see this turf's doors
      const elsewhere = who && turf && !ofSector(who, turf) ? ', bénévole d\'un autre secteur' : '';
      say(userId ? 'Tournée confiée à ' + name + elsewhere + (name.endsWith('.') && !elsewhere ? '' : '.') // « Camille B. »
        : 'Tournée libérée.');
      await load();
    } catch (e) {
      say(e.message, true);
      if (e.status === 409) await load().catch(() => null); // the turfs as they are now; the message stays
    }
  }

  function card(t) {
    const div = document.createElement('div');
    div.className = 'card';
    div.draggable = true;
    div.dataset.turf = String(t.id);
    const title = document.createElement('strong');
    title.textContent = 'Tournée ' + t.number + ' · ' + t.plan + ' · ' + t.sector_name;
    const info = document.createElement('div');
    info.className = 'muted';
    info.textContent = t.door_count + ' portes · ' + Math.round(t.minutes) + ' min · ' + t.done + ' faites' + (t.topic ? ' · ' + t.topic : '');
    const pick = document.createElement('select');
    pick.setAttribute('aria-label', 'Confier la tournée ' + t.number + ' à');
    pick.append(Object.assign(document.createElement('option'), {value: '', textContent: 'personne'}),
      ...volunteers.filter(v => !v.disabled).map(v => Object.assign(document.createElement('option'), {value: String(v.id),
        textContent: v.display_name + (ofSector(v, t) ? '' : ' (autre secteur)')})));
    if (t.assigned_to && !pick.querySelector('option[value="' + t.assigned_to.id + '"]')) {
      // held by an account the list does not offer (see load): named, not offered again
      pick.append(Object.assign(document.createElement('option'), {value: String(t.assigned_to.id),
        textContent: t.assigned_to.name, disabled: true}));
    }
    pick.value = t.assigned_to ? String(t.assigned_to.id) : '';
    pick.addEventListener('change', () => assign(t.id, pick.value ? Number(pick.value) : null));
    const sheet = Object.assign(document.createElement('a'), {href: '/api/field/turfs/' + t.id + '/feuille.pdf',
      target: '_blank', rel: 'noopener', textContent: 'Feuille de route (PDF)', className: 'sheet'});
    div.append(title, info, pick, sheet);
    const s = suggestions.get(t.id);
    if (s && !t.assigned_to) {
      div.classList.add('suggested');
      const p = document.createElement('div');
      p.textContent = 'Suggestion : ' + s.display_name + (s.distance_metres != null ? ' (' + (s.distance_metres / 1000)
        .toLocaleString('fr-FR', {minimumFractionDigits: 1, maximumFractionDigits: 1}) + ' km)' : '') + ' ';
      const ok = Object.assign(document.createElement('button'), {type: 'button', textContent: 'Accepter'});
      ok.addEventListener('click', () => assign(t.id, s.user_id));
      p.append(ok);
      div.append(p);
    }
    div.addEventListener('dragstart', e => { e.dataTransfer.setData('text/plain', String(t.id)); e.dataTransfer.effectAllowed = 'move'; });
    return div;
  }

  function zone(el, userId) {
    el.addEventListener('dragover', e => { e.preventDefault(); el.classList.add('over'); });
    el.addEventListener('dragleave', () => el.classList.remove('over'));
    el.addEventListener('drop', e => {
      e.preventDefault();
      el.classList.remove('over');
      const id = Number(e.dataTransfer.getData('text/plain'));
      if (id) assign(id, userId);
    });
  }

  async function load() {
    [turfs, volunteers] = await Promise.all([call('GET', '/api/field/turfs'), call('GET', '/api/field/volunteers')]);
    const filter = $('plan-filter');
    const names = [...new Set(turfs.map(t => t.plan))].sort();
    if (plan && !names.includes(plan)) plan = '';
    filter.replaceChildren(Object.assign(document.createElement('option'), {value: '', textContent: 'tous les plans'}),
      ...names.map(n => Object.assign(document.createElement('option'), {value: n, textContent: n})));
    filter.value = plan;
    const free = $('unassigned');
    free.replaceChildren(...turfs.filter(t => !t.assigned_to && (!plan || t.plan === plan)).map(card));
    if (!free.children.length) {
      const none = Object.assign(document.createElement('p'), {className: 'muted', textContent: turfs.length
        ? 'Aucune : toutes les tournées ont un·e bénévole.' : 'Aucune tournée enregistrée. '});
      if (!turfs.length) {
        none.append(Object.assign(document.createElement('a'), {href: '/terrain/tournees',
          textContent: 'Découpez-en sur la page Découpage'}), document.createTextNode(' (ou ./terrain turfs … --save NOM).'));
      }
      free.append(none);
    }
    const list = $('volunteers');
    list.replaceChildren();
    if (!volunteers.some(x => !x.disabled)) {
      const none = Object.assign(document.createElement('p'), {className: 'muted',
        textContent: 'Aucun·e bénévole dans vos secteurs. Invitez-en depuis la page '});
      none.append(Object.assign(document.createElement('a'), {href: '/terrain/equipes', textContent: 'Équipes'}), '.');
      list.append(none);
    }
    for (const v of volunteers.filter(x => !x.disabled)) {
      const z = document.createElement('div');
      z.className = 'zone';
      z.dataset.user = String(v.id);
      const h = document.createElement('h3');
      h.textContent = v.display_name + (v.team ? ' · ' + v.team.name : '');
      const slots = document.createElement('div');
      slots.className = 'muted';
      slots.textContent = v.availability.length ? v.availability.length + ' créneau(x) par semaine' : 'disponibilités non renseignées';
      z.append(h, slots, ...turfs.filter(t => t.assigned_to && t.assigned_to.id === v.id).map(card));
      zone(z, v.id);
      list.append(z);
    }
    // turfs held by an account the list does not offer — disabled since, or outside the organizer's volunteers
    // (given on the command line): shown under its name, so that they can be taken back and given again
    const offered = new Set(volunteers.filter(x => !x.disabled).map(v => v.id));
    const holders = new Map();
    turfs.filter(t => t.assigned_to && !offered.has(t.assigned_to.id)).forEach(t => holders.set(t.assigned_to.id, t.assigned_to.name));
    for (const [id, name] of holders) {
      const z = document.createElement('div');
      z.className = 'zone';
      z.dataset.user = String(id);
      const h = document.createElement('h3');
      const who = volunteers.find(v => v.id === id);
      h.textContent = name + (who && who.disabled ? ' — compte désactivé' : ' — hors de vos bénévoles');
      const note = Object.assign(document.createElement('div'), {className: 'muted',
        textContent: 'Reprenez ses tournées : glissez-les sur un·e autre bénévole ou choisissez « personne ».'});
      z.append(h, note, ...turfs.filter(t => t.assigned_to && t.assigned_to.id === id).map(card));
      list.append(z);
    }
    $('accept-all').hidden = !shownSuggestions().length;
    document.body.dataset.ready = 'yes';
  }

  // the suggestions for the free turfs shown (those of the chosen plan)
  function shownSuggestions() {
    return [...suggestions].filter(([id]) => turfs.some(t => t.id === id && !t.assigned_to && (!plan || t.plan === plan)));
  }

  $('plan-filter').addEventListener('change', () => {
    plan = $('plan-filter').value;
    history.replaceState(null, '', plan ? '?plan=' + encodeURIComponent(plan) : location.pathname);
    load().catch(e => say(e.message, true));
  });
  zone($('unassigned'), null);
  $('suggest').addEventListener('click', async () => {
    try {
      const answer = await call('GET', '/api/field/suggestions');
      suggestions = new Map(answer.suggestions.map(s => [s.turf_id, s]));
      say(answer.suggestions.length + ' suggestion(s)' + (answer.without_suggestion.length ? ' ; ' + answer.without_suggestion.length
        + ' tournée(s) sans bénévole disponible' : '') + '.');
      await load();
    } catch (e) { say(e.message, true); }
  });
  $('accept-all').addEventListener('click', async () => {
    for (const [turfId, s] of shownSuggestions()) await assign(turfId, s.user_id);
  });
  load().catch(e => say(e.message, true));
})();
