// What the database holds, from /api/status.
const {count, day} = window.terrainPage;
const KINDS = {MUNICIPALES: 'municipales', PRESIDENTIELLE: 'présidentielle', LEGISLATIVES: 'législatives',
  EUROPEENNES: 'européennes', REGIONALES: 'régionales', DEPARTEMENTALES: 'départementales'};
const round = (n) => n === 1 ? '1er tour' : n + 'e tour';
function row(cells) {
  const tr = document.createElement('tr');
  for (const [text, numeric] of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) td.className = 'n';
    tr.appendChild(td);
  }
  return tr;
}
fetch('/api/status').then(r => r.json()).then(s => {
  const e = document.querySelector('#elections tbody');
  for (const x of s.elections) {
    e.appendChild(row([[x.election.id], [KINDS[x.election.kind] ?? x.election.kind.toLowerCase()], [day(x.election.date)],
      [round(x.election.round)],
      [count(x.stations), true], [count(x.resultRows), true], [x.vintage ?? '—'], [count(x.joinedStations), true]]));
  }
  const st = document.querySelector('#stations tbody');
  for (const v of s.stations) {
    st.appendChild(row([[v.vintage], [count(v.stations), true], [count(v.withContour), true],
      [count(v.derivedContours), true], [count(v.withPlace), true], [count(v.withRegistered), true]]));
  }
  const t = document.querySelector('#territory tbody');
  t.appendChild(row([['Arrondissements'], [count(s.arrondissements), true]]));
  for (const i of s.irisContours) t.appendChild(row([['Contours IRIS ' + i.vintage], [count(i.iris), true]]));
  for (const d of s.irisDatasets) t.appendChild(row([['Table INSEE ' + d.dataset + ' (IRIS × indicateurs)'], [count(d.iris) + ' × ' + d.indicators, true]]));
  t.appendChild(row([['Adresses (BAN)'], [count(s.addresses), true]]));
  for (const v of s.voters) t.appendChild(row([['Électeurs ' + v.contest + ' (' + (v.sourceDescription ?? v.sourceCategory) + ')'], [count(v.voters), true]]));
  document.getElementById('database').textContent = 'Base : ' + s.database + ' — ' + count(s.imports) + ' import(s).';
});
