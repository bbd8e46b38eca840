// E-mail campaigns: the list with each send's live progress (polled every 2 s while a campaign is
// sending), and for those who may edit, the editor: preview for one recipient of the segment, save,
// and a test send to a given address. Every change POSTs JSON with the session's CSRF token.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const {api, say, cell, count} = window.terrainPage;

  const STATUS = {draft: 'brouillon', scheduled: 'programmée', sending: 'en cours d\'envoi', finished: 'terminée'};
  // the outbox states (OutboxState), in the page's words
  const STATES = {pending: 'en attente', sending: 'en cours', committed: 'remis au serveur', sent: 'envoyés',
    'failed-temporary': 'échecs temporaires', 'failed-permanent': 'échecs définitifs', bounced: 'rejetés',
    'skipped-suppressed': 'écartés (opposition)'};

  // what a masked count says instead (small-cell rule: an engaged: segment's people, fewer than ten)
  let texts = {};

  function row(c) {
    const tr = document.createElement('tr');
    tr.dataset.name = c.name;
    const name = cell(tr, '');
    const link = document.createElement('a');
    link.href = '/campagnes/' + encodeURIComponent(c.name) + '/suivi';
    link.textContent = c.name;
    link.title = 'Ouvertures, clics et partages de la campagne';
    name.appendChild(link);
    cell(tr, c.subject);
    cell(tr, c.segment);
    // « 2026-12-15 18:00 » (the command line's form) as the editor asks for it: 15/12/2026 18:00
    const at = c.scheduledAt ? c.scheduledAt.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1') : '';
    cell(tr, (STATUS[c.status] || c.status) + (at ? ' (' + at + ')' : ''));
    if (c.masked) {
      const p = cell(tr, texts[c.maskReason] || 'non affiché');
      p.colSpan = 2;
      p.className = 'muted';
      return tr;
    }
    const p = cell(tr, '');
    const bar = document.createElement('progress');
    bar.max = Math.max(1, c.recipients);
    bar.value = c.final;
    p.appendChild(bar);
    p.appendChild(document.createTextNode(' ' + count(c.final) + ' / ' + count(c.recipients)));
    cell(tr, Object.entries(c.states).filter(([, v]) => v > 0)
      .map(([k, v]) => count(v) + ' ' + (STATES[k] || k)).join(', ') || '—');
    return tr;
  }

  function nothingYet() {
    const tr = document.createElement('tr');
    const td = cell(tr, 'Aucune campagne pour le moment.');
    td.colSpan = 6;
    td.className = 'muted';
    return tr;
  }

  let timer = null;
  async function refresh() {
    try {
      const reply = await api('/api/campaigns');
      texts = reply.smallCells.texts;
      const body = document.querySelector('#campaigns tbody');
      body.replaceChildren(...(reply.campaigns.length ? reply.campaigns.map(row) : [nothingYet()]));
      if (reply.campaigns.length) $('scope').textContent = 'Décomptes : ' + reply.campaigns[0].scope + '.';
      $('editor').hidden = !reply.canEdit;
      const live = reply.campaigns.some((c) => c.status === 'sending' || c.status === 'scheduled');
      clearTimeout(timer);
      timer = setTimeout(refresh, live ? 2000 : 10000);
    } catch (e) {
      say(e.message, 'error');
    }
  }

  function draft() {
    return {name: $('name').value.trim(), segment: $('segment').value.trim(), at: $('at').value.trim(),
      template: $('template').value};
  }

  // Regulation (EU) 2024/900: the targeting techniques of the segment, and the warning when it targets on opens and
  // clicks with no consent to targeting declared
  function showTargeting(t) {
    $('targeting').textContent = 'Ciblage (' + t.regulation + ') : ' + (t.techniques.length === 0
      ? 'aucun (le même message à toute la liste)'
      : t.techniques.map((u) => u.label + ' — ' + u.logic).join(' ; '));
    $('targetingWarning').hidden = !t.warning;
    $('targetingWarning').textContent = t.warning ? '⚠ ' + t.warning : '';
  }

  // the message shown was another draft's: nothing of it stays beside this one's error
  function clearPreview() {
    $('previewMeta').textContent = '';
    $('previewHtml').srcdoc = '';
    $('previewText').textContent = '';
    $('missing').replaceChildren();
  }

  $('preview').addEventListener('click', async () => {
    try {
      const p = await api('/api/campaigns/preview', draft());
      $('previewBox').hidden = false;
      showTargeting(p.targeting);
      if (p.error) {
        clearPreview();
        $('previewMeta').textContent = p.error;
        return;
      }
      const who = p.masked ? p.smallCells.texts[p.maskReason] : p.recipients + ' destinataire(s) autorisé(s)';
      // an engaged: segment is rendered for a fictional recipient: none of its people is shown
      const whom = p.fictional ? 'un destinataire fictif (segment choisi selon les ouvertures et les clics : personne n\'y'
        + ' est montré)' : p.to;
      $('previewMeta').textContent = who + ' ; aperçu pour ' + whom + ' — objet : ' + p.subject;
      $('missing').replaceChildren(...p.missing.map((m) => {
        const li = document.createElement('li');
        li.textContent = 'manquant : ' + m;
        li.className = 'error';
        return li;
      }));
      $('previewHtml').srcdoc = p.html;
      $('previewText').textContent = p.text;
    } catch (e) {
      clearPreview();
      $('previewBox').hidden = true;
      say(e.message, 'error');
    }
  });

  $('save').addEventListener('click', async () => {
    try {
      const c = await api('/api/campaigns', draft());
      say('Campagne « ' + c.name + ' » enregistrée.' + (c.targeting.warning ? ' ⚠ ' + c.targeting.warning : ''));
      refresh();
    } catch (e) {
      say(e.message, 'error');
    }
  });

  $('test').addEventListener('click', async () => {
    try {
      const d = draft();
      d.to = $('testTo').value.trim();
      const r = await api('/api/campaigns/test', d);
      say('Message de test envoyé à ' + r.to + '.');
    } catch (e) {
      say(e.message, 'error');
    }
  });

  window.terrainSession.then(() => refresh());
})();
