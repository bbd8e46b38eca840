// The campaign report: figures, opens and clicks hour by hour, the day × hour heatmap (Paris time),
// rates by arrondissement, shares, the A/B result and the send-time recommendation for a segment.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const name = decodeURIComponent(location.pathname.split('/')[2] || '');
  const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
  const pct = (x) => (100 * x).toLocaleString('fr-FR', {maximumFractionDigits: 1}) + ' %';
  const charts = {};

  async function get(path) {
    const r = await fetch(path, {headers: {Accept: 'application/json'}});
    const reply = await r.json().catch(() => ({}));
    if (!r.ok) throw Object.assign(new Error(reply.error || r.statusText), {status: r.status});
    return reply;
  }

  function say(text) {
    $('message').textContent = text;
    $('message').hidden = !text;
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart($(id), config);
  }

  function figure(label, value, detail) {
    const d = document.createElement('div');
    const s = document.createElement('strong');
    s.textContent = value;
    d.append(s, label + (detail ? ' — ' + detail : ''));
    $('figures').append(d);
  }

  function report(r) {
    $('name').textContent = '« ' + r.campaign + ' »';
    $('figures').replaceChildren();
    figure('messages envoyés', r.recipientsSent);
    figure('ont ouvert', r.opens.unique, pct(r.opens.rate) + ', ' + r.opens.total + ' ouvertures');
    figure('ont cliqué', r.clicks.unique, pct(r.clicks.rate) + ', ' + r.clicks.total + ' clics');
    figure('lecteurs par transfert', r.shares.readers, r.shares.clicks + ' clics');
    const hours = r.timeline.hours;
    chart('timeline', {type: 'line', data: {labels: hours.map((_, i) => '+' + i + ' h'), datasets: [
      {label: 'ouvertures', data: hours.map(h => h[0]), borderColor: '#1f5fae'},
      {label: 'clics', data: hours.map(h => h[1]), borderColor: '#d0612a'}]},
      options: {maintainAspectRatio: false, animation: false}});
    heatmap(r.heatmap);
    const sectors = Object.keys(r.bySector);
    chart('sectors', {type: 'bar', data: {labels: sectors.map(s => s + 'e'), datasets: [
      {label: "taux d'ouverture", data: sectors.map(s => 100 * r.bySector[s].openRate), backgroundColor: '#1f5fae'},
      {label: 'taux de clic', data: sectors.map(s => 100 * r.bySector[s].clickRate), backgroundColor: '#d0612a'}]},
      options: {maintainAspectRatio: false, animation: false, scales: {y: {title: {display: true, text: '%'}}}}});
    $('shares').textContent = r.shares.readers + ' lecteur(s) atteint(s) par transfert, ' + r.shares.clicks + ' clic(s) ('
      + r.shares.clicksPerShare.toLocaleString('fr-FR') + ' par partage), profondeur ' + r.shares.depth + '.';
    const body = $('sharers').querySelector('tbody');
    body.replaceChildren();
    for (const s of r.shares.topSharers) {
      const tr = body.insertRow();
      for (const v of [s.recipient, s.readers, s.clicks, s.depth]) tr.insertCell().textContent = v;
    }
    const form = $('sendtime');
    if (!form.segment.value && r.segment) form.segment.value = r.segment;
  }

  function heatmap(h) {
    const cells = h.opens.map((row, d) => row.map((v, hour) => v + h.clicks[d][hour]));
    const max = Math.max(1, ...cells.flat());
    const head = $('heatmap').querySelector('thead');
    head.replaceChildren();
    const hr = head.insertRow();
    hr.append(document.createElement('th'));
    for (let hour = 0; hour < 24; hour++) {
      const th = document.createElement('th');
      th.textContent = hour;
      hr.append(th);
    }
    const body = $('heatmap').querySelector('tbody');
    body.replaceChildren();
    cells.forEach((row, d) => {
      const tr = body.insertRow();
      const th = document.createElement('th');
      th.textContent = days[d];
      tr.append(th);
      row.forEach((v, hour) => {
        const td = tr.insertCell();
        td.textContent = v || '';
        td.title = days[d] + ' ' + hour + ' h : ' + h.opens[d][hour] + ' ouverture(s), ' + h.clicks[d][hour] + ' clic(s)';
        td.style.background = 'rgba(31, 95, 174, ' + (v / max).toFixed(2) + ')';
        if (v / max > 0.5) td.style.color = '#fff';
      });
    });
  }

  function ab(t) {
    $('ab').hidden = false;
    const decided = t.decision === 'pending' ? 'pas encore de décision, le test continue'
      : t.decision === 'test' ? 'variante ' + t.winner + ' meilleure (test séquentiel)'
        : 'échéance atteinte sans preuve : variante ' + t.winner + ', la meilleure observée';
    $('ab-decision').textContent = 'Décision : ' + decided + ' — ' + t.pairs + ' paire(s) observée(s), e-valeur '
      + t.eValue.toLocaleString('fr-FR', {maximumFractionDigits: 2}) + ' (seuil ' + t.threshold + ').';
    $('ab-effect').textContent = 'Écart B − A : ' + pct(t.difference.estimate) + ' (intervalle ' + pct(t.difference.low)
      + ' à ' + pct(t.difference.high) + ') ; A : ' + pct(t.rateA.estimate) + ' (' + pct(t.rateA.low) + '–' + pct(t.rateA.high)
      + '), B : ' + pct(t.rateB.estimate) + ' (' + pct(t.rateB.low) + '–' + pct(t.rateB.high) + ').';
    chart('ab-chart', {type: 'bar', data: {labels: ['A', 'B'], datasets: [
      {label: 'taux observé (%)', data: [100 * t.rateA.estimate, 100 * t.rateB.estimate], backgroundColor: ['#1f5fae', '#d0612a']},
      {label: 'borne basse (%)', data: [100 * t.rateA.low, 100 * t.rateB.low], type: 'line', showLine: false, borderColor: '#333'},
      {label: 'borne haute (%)', data: [100 * t.rateA.high, 100 * t.rateB.high], type: 'line', showLine: false, borderColor: '#333'}]},
      options: {maintainAspectRatio: false, animation: false}});
  }

  async function sendTime(event) {
    if (event) event.preventDefault();
    const form = $('sendtime');
    try {
      const r = await get('/api/send-time?segment=' + encodeURIComponent(form.segment.value) + '&metric=' + form.metric.value);
      const rec = r.recommendedRate;
      let text = 'Recommandé : ' + r.recommendedHour + ' h, ' + pct(rec.estimate) + ' (' + pct(rec.low) + ' à ' + pct(rec.high)
        + ') ; habitude : ' + r.habitHour + ' h, ' + pct(r.habitRate.estimate) + '. ';
      text += r.recommendedHour === r.habitHour ? "L'heure habituelle est déjà la meilleure connue."
        : 'Gain attendu ' + pct(r.gain.estimate) + ' (' + pct(r.gain.low) + ' à ' + pct(r.gain.high)
          + '), probabilité d\'être meilleure : ' + pct(r.probabilityBetter) + '.';
      $('recommendation').textContent = text;
      const tried = r.hours.filter(h => h.sent > 0);
      chart('hours', {type: 'bar', data: {labels: tried.map(h => h.hour + ' h'), datasets: [
        {label: 'taux estimé (%)', data: tried.map(h => 100 * h.rate.estimate), backgroundColor: '#1f5fae'},
        {label: 'borne basse (%)', data: tried.map(h => 100 * h.rate.low), type: 'line', showLine: false, borderColor: '#333'},
        {label: 'borne haute (%)', data: tried.map(h => 100 * h.rate.high), type: 'line', showLine: false, borderColor: '#333'}]},
        options: {maintainAspectRatio: false, animation: false}});
    } catch (e) {
      $('recommendation').textContent = e.message;
    }
  }

  $('sendtime').addEventListener('submit', sendTime);
  get('/api/campaigns/' + encodeURIComponent(name) + '/tracking')
    .then(r => { report(r); return sendTime(); })
    .catch(e => say(e.message));
  get('/api/campaigns/' + encodeURIComponent(name) + '/ab').then(ab).catch(() => {});
})();
