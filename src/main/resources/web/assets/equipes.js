// The organizer's team page: invitations (link + QR code), teams, and the volunteers of their sectors.
(() => {
  'use strict';
  const DAYS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'];
  const $ = id => document.getElementById(id);
  let teams = [];

  async function call(method, path, body) {
    const me = await window.terrainSession;
    const r = await fetch(path, {method, headers: Object.assign({Accept: 'application/json'}, body ? {'Content-Type': 'application/json',
      'X-CSRF-Token': me ? me.csrfToken : ''} : {}), body: body ? JSON.stringify(body) : undefined});
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(json.error || 'erreur ' + r.status);
    return json;
  }

  function say(id, text, bad) { $(id).textContent = text; $(id).className = bad ? 'error' : text ? 'ok' : ''; }

  function availability(v) {
    return v.availability.length ? v.availability.map(s => DAYS[s.day - 1] + ' ' + s.start + '–' + s.end).join(', ') : 'non renseignées';
  }

  async function load() {
    const me = await window.terrainSession;
    // a commune as INSEE writes it (01001, not 1001), as the server reads what is typed
    const typed = n => n > 99 ? String(n).padStart(5, '0') : String(n);
    if (me && !me.allSectors && me.sectors.length) $('invite-sectors').value = me.sectors.map(typed).join(',');
    // an organizer of one arrondissement creates teams there: nothing to type (the field stays, for the direction)
    if (me && !me.allSectors && me.sectors.length === 1 && !$('team-arrondissement').value) {
      $('team-arrondissement').value = typed(me.sectors[0]);
    }
    teams = await call('GET', '/api/field/teams');
    $('teams').replaceChildren(...(teams.length
      ? teams.map(t => Object.assign(document.createElement('li'), {textContent: t.name + ' · ' + t.sector_name}))
      : [Object.assign(document.createElement('li'), {className: 'muted', textContent: 'Aucune équipe pour le moment.'})]));
    const select = $('invite-team');
    select.replaceChildren(Object.assign(document.createElement('option'), {value: '', textContent: 'aucune'}),
      ...teams.map(t => Object.assign(document.createElement('option'), {value: t.name, textContent: t.name + ' · ' + t.sector_name})));
    const volunteers = await call('GET', '/api/field/volunteers');
    const body = $('volunteers').querySelector('tbody');
    body.replaceChildren();
    for (const v of volunteers) {
      const tr = document.createElement('tr');
      tr.dataset.volunteer = String(v.id);
      const name = document.createElement('td');
      name.textContent = v.display_name + ' (' + v.login + (v.role === 'organizer' ? ', organisateur·rice' : '') + ')' + (v.disabled ? ' — désactivé' : '');
      const team = document.createElement('td');
      const pick = document.createElement('select');
      pick.setAttribute('aria-label', 'Équipe de ' + v.display_name);
      pick.append(Object.assign(document.createElement('option'), {value: '', textContent: 'aucune'}),
        ...teams.map(t => Object.assign(document.createElement('option'), {value: String(t.id), textContent: t.name})));
      pick.value = v.team ? String(v.team.id) : '';
      pick.addEventListener('change', () => call('PUT', '/api/field/volunteers/' + v.id + '/team',
        {team_id: pick.value ? Number(pick.value) : null}).catch(e => alert(e.message)));
      team.append(pick);
      const slots = Object.assign(document.createElement('td'), {textContent: availability(v)});
      const held = Object.assign(document.createElement('td'), {className: 'n', textContent: String(v.turfs_held)});
      tr.append(name, team, slots, held);
      body.append(tr);
    }
    if (!volunteers.length) {
      const none = Object.assign(document.createElement('td'), {colSpan: 4, className: 'muted',
        textContent: 'Aucun·e bénévole dans vos secteurs : invitez-en avec le formulaire « Inviter un·e bénévole ».'});
      const tr = document.createElement('tr');
      tr.append(none);
      body.append(tr);
    }
    document.body.dataset.ready = 'yes';
  }

  $('invite').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      // as typed: the server reads them as the command line does, and says what to write instead (75112: 12)
      const sectors = $('invite-sectors').value.split(',').map(s => s.trim()).filter(Boolean);
      const created = await call('POST', '/api/field/invitations', {role: $('invite-role').value, sectors,
        team: $('invite-team').value || null, days: Number($('invite-days').value)});
      $('invitation-link').textContent = created.link;
      $('invitation-qr').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(created.qr_svg);
      $('invitation').hidden = false;
      say('invite-status', 'Lien créé : il expire le ' + new Date(created.expires_at).toLocaleString('fr-FR') + '.');
    } catch (err) {
      $('invitation').hidden = true;
      say('invite-status', err.message, true);
    }
  });
  $('team-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      // as typed (12, 29039, 2A004), for the server to read or to say what to write instead
      await call('POST', '/api/field/teams', {name: $('team-name').value, arrondissement: $('team-arrondissement').value.trim()});
      say('team-status', 'Équipe créée.');
      await load();
    } catch (err) { say('team-status', err.message, true); }
  });
  load().catch(e => say('invite-status', e.message, true));
})();
