// The accounts page (administrator): the accounts with their role and sectors, creating one, disabling one,
// resetting a password. A generated password comes back once, in the reply to the action: shown until the next one.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell, day} = window.terrainPage;
  let roles = [];

  function showPassword(reply) {
    $('password').textContent = 'Mot de passe de « ' + reply.name + ' » (affiché une seule fois, transmettez-le'
      + ' de la main à la main) : ' + reply.password;
    $('password').hidden = false;
  }

  function act(td, label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => {
      say('');
      $('password').hidden = true;
      action().then(load).catch(e => say(e.message, 'error'));
    });
    td.appendChild(b);
    td.appendChild(document.createTextNode(' '));
  }

  async function load() {
    const reply = await api('/api/accounts');
    roles = reply.roles;
    const select = document.querySelector('#add select[name=role]');
    if (!select.options.length) {
      for (const r of roles) {
        const o = document.createElement('option');
        o.value = r.id;
        o.textContent = r.name;
        select.appendChild(o);
      }
      select.value = 'organizer';
      sectorsField();
    }
    const body = $('accounts').tBodies[0];
    body.replaceChildren();
    for (const a of reply.accounts) {
      const tr = body.insertRow();
      cell(tr, a.name + (a.self ? ' (vous)' : ''));
      cell(tr, a.roleName);
      cell(tr, a.allSectors ? 'tous' : a.sectors.length ? a.sectors.join(', ') : 'aucun');
      cell(tr, day(a.createdAt.substring(0, 10)));
      cell(tr, a.disabled ? 'désactivé' : 'actif');
      const actions = cell(tr, '');
      if (a.disabled || a.self) continue;
      act(actions, 'Nouveau mot de passe', () => {
        if (!confirm('Générer un nouveau mot de passe pour « ' + a.name + ' » ? Ses sessions seront fermées.')) return Promise.resolve();
        return api('/api/accounts/' + encodeURIComponent(a.name) + '/password', {}).then(showPassword);
      });
      act(actions, 'Désactiver', () => {
        if (!confirm('Désactiver « ' + a.name + ' » ? Ses sessions et ses jetons d\'API seront refusés.')) return Promise.resolve();
        return api('/api/accounts/' + encodeURIComponent(a.name) + '/disable', {})
          .then(() => say('Compte « ' + a.name + ' » désactivé.'));
      });
    }
  }

  // the sectors field serves the roles that see only their sectors (organizer, canvasser)
  function sectorsField() {
    const role = roles.find(r => r.id === document.querySelector('#add select[name=role]').value);
    const input = document.querySelector('#add input[name=sectors]');
    input.disabled = !role || role.allSectors;
    input.required = !input.disabled;
  }

  document.querySelector('#add select[name=role]').addEventListener('change', sectorsField);
  $('add').addEventListener('submit', (event) => {
    event.preventDefault();
    const f = event.target;
    say('');
    api('/api/accounts', {name: f.name.value, role: f.role.value, sectors: f.sectors.disabled ? '' : f.sectors.value})
      .then(reply => { showPassword(reply); f.reset(); f.role.value = 'organizer'; sectorsField(); return load(); })
      .catch(e => say(e.message, 'error'));
  });
  load().catch(e => say(e.message, 'error'));
})();
