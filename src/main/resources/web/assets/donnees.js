// What the database holds, from /api/status.
const nf = new Intl.NumberFormat('fr-FR');
const KINDS = {MUNICIPALES: 'municipales', PRESIDENTIELLE: 'présidentielle', LEGISLATIVES: 'législatives',
  EUROPEENNES: 'européennes', REGIONALES: 'régionales', DEPARTEMENTALES: 'départementales'};
const day = (iso) => iso ? iso.split('-').reverse().join('/') : '—'; // 2026-03-15 → 15/03/2026
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
      [nf.format(x.stations), true], [nf.format(x.resultRows), true], [x.vintage ?? '—'], [nf.format(x.joinedStations), true]]));
  }
  const st = document.querySelector('#stations tbody');
  for (const v of s.stations) {
    st.appendChild(row([[v.vintage], [nf.format(v.stations), true], [nf.format(v.withContour), true],
      [nf.format(v.withPlace), true], [nf.format(v.withRegistered), true]]));
  }
  const t = document.querySelector('#territory tbody');
  t.appendChild(row([['Arrondissements'], [nf.format(s.arrondissements), true]]));
  for (const i of s.irisContours) t.appendChild(row([['Contours IRIS ' + i.vintage], [nf.format(i.iris), true]]));
  for (const d of s.irisDatasets) t.appendChild(row([['Table INSEE ' + d.dataset + ' (IRIS × indicateurs)'], [nf.format(d.iris) + ' × ' + d.indicators, true]]));
  t.appendChild(row([['Adresses (BAN)'], [nf.format(s.addresses), true]]));
  for (const v of s.voters) t.appendChild(row([['Électeurs ' + v.contest + ' (' + (v.sourceDescription ?? v.sourceCategory) + ')'], [nf.format(v.voters), true]]));
  document.getElementById('database').textContent = 'Base : ' + s.database + ' — ' + nf.format(s.imports) + ' import(s).';
});
