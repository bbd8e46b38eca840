// The campaign report: figures, opens and clicks hour by hour, the day × hour heatmap (Paris time),
// rates by sector (arrondissement or commune: a chart and a map), shares, the A/B result and the send-time
// recommendation for a segment.
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

  /** Draws chart {@code id} anew; a null config only removes the one drawn before. */
  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = config ? new Chart($(id), config) : null;
  }

  function figure(label, value, detail) {
    const d = document.createElement('div');
    const s = document.createElement('strong');
    s.textContent = value;
    d.append(s, label + (detail ? ' — ' + detail : ''));
    $('figures').append(d);
  }

  // Small-cell rule (secret statistique): the server nulls what is about fewer than 10 recipients and says why
  // (maskReason); the words come with the report (smallCells.texts), the page only places them.
  function report(r) {
    const texts = r.smallCells.texts;
    $('name').textContent = '« ' + r.campaign + ' »';
    if (r.yourSectors) { // an organizer: the campaigns' list counted their sectors, this report is the whole campaign's
      $('scope').textContent = 'Chiffres de toute la campagne, tous secteurs (la liste des campagnes ne compte que les'
        + ' vôtres) ; ceux de vos secteurs (' + r.yourSectors.join(', ') + ') sont plus bas, par arrondissement ou commune.';
      $('scope').hidden = false;
    }
    $('figures').replaceChildren();
    if (r.retention) say(r.retention.text); // opens and clicks deleted (retention): the figures kept then
    if (r.masked) {
      if (r.recipientsSent != null) figure('messages envoyés', r.recipientsSent);
      figure(texts[r.maskReason], r.maskReason === 'few-measured' ? 'Trop peu de messages mesurés' : 'Campagne trop petite');
    } else if (r.tracking === 'none' || r.recipientsMeasured === 0) {
      // sent before tracking was switched on: no open was measured, « 0 % » would be read as nobody opened
      figure('messages envoyés', r.recipientsSent);
      figure(r.tracking === 'none'
        ? 'envoyée sans suivi (le suivi des ouvertures et des clics n’était pas activé) : rien n’est mesuré'
        : 'aucun message mesuré (leurs destinataires avaient refusé le suivi)', 'Ouvertures et clics');
    } else {
      figure('messages envoyés', r.recipientsSent);
      if (r.recipientsMeasured != null && r.recipientsMeasured < r.recipientsSent) {
        // rates are over the messages that carried tracking: the others were never seen opened
        figure('messages mesurés', r.recipientsMeasured, (r.tracking === 'partial'
          ? 'les autres sont partis avant l’activation du suivi ou à des personnes qui l’avaient refusé'
          : 'les autres sont allés à des personnes qui avaient refusé le suivi') + ' ; les taux portent sur eux');
      }
      figure('ont ouvert', r.opens.unique, pct(r.opens.rate) + ', ' + r.opens.total + ' ouvertures'
        + (r.opens.viaImageProxy ? ' dont ' + r.opens.viaImageProxy + ' par un proxy d\'images' : ''));
      figure('ont cliqué', r.clicks.unique, pct(r.clicks.rate) + ', ' + r.clicks.total + ' clics');
      figure('lecteurs par transfert', r.shares.readers, r.shares.clicks + ' clics');
    }
    const hours = r.timeline.hours || [];
    chart('timeline', {type: 'line', data: {labels: hours.map((_, i) => '+' + i + ' h'), datasets: [
      {label: 'ouvertures', data: hours.map(h => h[0]), borderColor: '#1f5fae'},
      {label: 'clics', data: hours.map(h => h[1]), borderColor: '#d0612a'}]},
      options: {maintainAspectRatio: false, animation: false}});
    heatmap(r.heatmap);
    const sectors = Object.keys(r.bySector).filter(s => !r.bySector[s].masked);
    // each sector as the server names it: « 12e », « Concarneau (29039) » (a masked one too: its rate is what is hidden)
    chart('sectors', {type: 'bar', data: {labels: sectors.map(s => r.bySector[s].name), datasets: [
      {label: "taux d'ouverture", data: sectors.map(s => 100 * r.bySector[s].openRate), backgroundColor: '#1f5fae'},
      {label: 'taux de clic', data: sectors.map(s => 100 * r.bySector[s].clickRate), backgroundColor: '#d0612a'}]},
      options: {maintainAspectRatio: false, animation: false, scales: {y: {title: {display: true, text: '%'}}}}});
    const masked = $('sectors-masked');
    masked.replaceChildren();
    for (const reason of Object.keys(texts)) {
      const these = Object.keys(r.bySector).filter(s => r.bySector[s].maskReason === reason);
      if (!these.length) continue;
      const li = document.createElement('li');
      li.textContent = these.map(s => r.bySector[s].name).join(', ') + ' : ' + texts[reason];
      masked.append(li);
    }
    sectorMap(r.bySector, texts).catch(e => { $('sector-map-note').textContent = e.message; });
    $('shares').textContent = r.masked ? 'Partages : ' + texts[r.maskReason] + '.'
      : r.shares.readers + ' lecteur(s) atteint(s) par transfert, ' + r.shares.clicks + ' clic(s) ('
        + r.shares.clicksPerShare.toLocaleString('fr-FR') + ' par partage), profondeur ' + r.shares.depth + '.';
    const body = $('sharers').querySelector('tbody');
    body.replaceChildren();
    for (const s of r.shares.topSharers) {
      const tr = body.insertRow();
      for (const v of [s.recipient, s.readers, s.clicks, s.depth]) tr.insertCell().textContent = v;
    }
    if (!r.masked && !r.shares.topSharers.length) { // not a bare header
      const none = body.insertRow().insertCell();
      none.colSpan = 4;
      none.className = 'muted';
      none.textContent = 'Aucun partage mesuré.';
    }
    const form = $('sendtime');
    if (!form.segment.value && r.segment) form.segment.value = r.segment;
  }

  // Open rates by sector on the arrondissements' contours (those of the strategic map) and the communes' (the union of
  // each commune's newest stations): only the report's communes are asked for (none, no request), not the thousands a
  // national REU holds. A sector is named as the report names it (« 12e », « Concarneau (29039) »). A masked sector
  // (small-cell rule) stays grey, the reason in its tooltip.
  const SHADES = ['#deebf7', '#9ecae1', '#4292c6', '#2171b5', '#08306b'];
  let sectorLayer = null;
  let sectorMapView = null;

  async function sectorMap(bySector, texts) {
    const asked = Object.keys(bySector).filter(s => Number(s) > 99); // the communes: 1–99 are arrondissements
    const [arrondissements, communes] = await Promise.all([get('/api/arrondissements.geojson'),
      asked.length ? get('/api/communes.geojson?sectors=' + asked.join(',')) : {features: []}]);
    const geo = {type: 'FeatureCollection', features: [...arrondissements.features, ...communes.features]};
    if (!geo.features.length) {
      $('sector-map').hidden = true;
      $('sector-map-note').textContent = 'Contours des arrondissements non importés (terrain import arrondissements) et aucun bureau des communes de la campagne'
        + ' dessiné (terrain import reu) : pas de carte.';
      return;
    }
    const rates = Object.values(bySector).filter(s => !s.masked).map(s => s.openRate);
    const low = rates.length ? Math.min(...rates) : 0;
    const high = rates.length ? Math.max(...rates) : 0;
    const shade = (rate) => SHADES[high > low ? Math.min(SHADES.length - 1, Math.floor((rate - low) / (high - low) * SHADES.length)) : 2];
    if (!sectorMapView) {
      sectorMapView = L.map('sector-map', {zoomControl: false, attributionControl: false, scrollWheelZoom: false});
    }
    if (sectorLayer) sectorLayer.remove();
    sectorLayer = L.geoJSON(geo, {
      style: (f) => {
        const s = bySector[f.properties.arrondissement];
        const shown = s && !s.masked;
        return {color: '#fff', weight: 1, fillOpacity: 0.85, fillColor: shown ? shade(s.openRate) : '#c9ced4'};
      },
      onEachFeature: (f, layer) => {
        const n = f.properties.arrondissement;
        const s = bySector[n];
        const name = s ? s.name : window.terrainPage.arr(n); // an arrondissement without recipients
        const text = !s ? name + ' : aucun destinataire'
          : s.masked ? name + ' : ' + texts[s.maskReason]
            : name + ' : ' + pct(s.openRate) + " d'ouverture, " + pct(s.clickRate) + ' de clic — ' + s.recipients + ' message(s)';
        layer.bindTooltip(text, {sticky: true});
        layer.on('add', () => {
          const el = layer.getElement();
          if (el) {
            el.setAttribute('data-sector', n);
            el.setAttribute('role', 'img'); // an SVG path takes a name only with a role
            el.setAttribute('aria-label', text);
          }
        });
      }
    }).addTo(sectorMapView);
    sectorMapView.fitBounds(sectorLayer.getBounds(), {animate: false});
    const legend = $('sector-legend');
    legend.replaceChildren();
    if (rates.length && high === low) {
      // one rate (one sector, or every sector alike): one class, its shade as shade() gives it, not five « 0 % – 0 % »
      const d = document.createElement('div');
      const swatch = document.createElement('i');
      swatch.style.background = shade(low);
      d.append(swatch, pct(low));
      legend.append(d);
    } else if (rates.length) {
      SHADES.forEach((c, i) => {
        const from = low + (high - low) * i / SHADES.length;
        const to = low + (high - low) * (i + 1) / SHADES.length;
        const d = document.createElement('div');
        const swatch = document.createElement('i');
        swatch.style.background = c;
        d.append(swatch, pct(from) + ' – ' + pct(to));
        legend.append(d);
      });
    }
    const d = document.createElement('div');
    const swatch = document.createElement('i');
    swatch.style.background = '#c9ced4';
    d.append(swatch, 'non affiché (secret statistique)');
    legend.append(d);
  }

  function heatmap(h) {
    const head = $('heatmap').querySelector('thead');
    const body = $('heatmap').querySelector('tbody');
    head.replaceChildren();
    body.replaceChildren();
    if (!h.opens) return; // masked: a campaign of too few recipients
    const cells = h.opens.map((row, d) => row.map((v, hour) => v + h.clicks[d][hour]));
    const max = Math.max(1, ...cells.flat());
    const hr = head.insertRow();
    hr.append(document.createElement('th'));
    for (let hour = 0; hour < 24; hour++) {
      const th = document.createElement('th');
      th.textContent = hour;
      hr.append(th);
    }
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
    if (t.masked) { // fewer than 10 pairs: each variant's rate would tell what a few people did
      $('ab-decision').textContent = 'Décision : ' + decided + ' — ' + t.pairs + ' paire(s) observée(s).';
      // the rule counts pairs here, not recipients: said so (« moins de 10 destinataires » beside 36 per variant misread)
      const min = t.smallCells.minRecipients;
      $('ab-effect').textContent = 'Taux, écart et e-valeur : ' + (t.pairs === 0 ? 'aucune paire observée pour l’instant'
        : 'moins de ' + min + ' paires observées') + ' : non affiché (secret statistique) ; ils s’affichent à partir de '
        + min + ' paires.';
      if (charts['ab-chart']) charts['ab-chart'].destroy();
      delete charts['ab-chart'];
      return;
    }
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
      if (r.recommendedHour === null) { // nothing to learn from yet: no chart
        $('recommendation').textContent = r.reason;
        chart('hours', null);
        return;
      }
      const rec = r.recommendedRate;
      let text = 'Recommandé : ' + r.recommendedHour + ' h, ' + pct(rec.estimate) + ' (' + pct(rec.low) + ' à ' + pct(rec.high)
        + ') ; habitude : ' + r.habitHour + ' h, ' + pct(r.habitRate.estimate) + '. ';
      text += r.recommendedHour === r.habitHour ? "L'heure habituelle est déjà la meilleure connue."
        : 'Gain attendu ' + pct(r.gain.estimate) + ' (' + pct(r.gain.low) + ' à ' + pct(r.gain.high)
          + '), probabilité d\'être meilleure : ' + pct(r.probabilityBetter) + '.';
      const left = r.hours.filter(h => h.masked).map(h => h.hour + ' h');
      if (left.length) text += ' Heures écartées du modèle (' + left.join(', ') + ') : ' + r.smallCells.texts['small-cell'] + '.';
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
    .then(r => {
      report(r);
      if (r.abTest) get('/api/campaigns/' + encodeURIComponent(name) + '/ab').then(ab).catch(e => say(e.message));
      return sendTime();
    })
    .catch(e => say(e.message));
})();
