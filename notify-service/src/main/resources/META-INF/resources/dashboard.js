// PolicyWatch live dashboard: plain browser JavaScript, no build step, nothing fetched from outside this service.
// Documents and alerts arrive over server-sent events; EventSource reconnects on its own and sends Last-Event-ID,
// so the server resumes each stream exactly where it broke off.
'use strict';

const MAX_DOCUMENTS = 25;
const MAX_ALERTS = 20;
const HISTORY = 24 * 3600 * 1000;
const STATS_DELAY = 1000;
const STATS_PERIOD = 60 * 1000;

const documents = new Map();
const alerts = new Map();
let stats = null;
let statsTimer = null;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.filter((child) => child !== null && child !== undefined)
    .forEach((child) => node.append(child instanceof Node ? child : String(child)));
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child instanceof Node ? child : String(child)));
  return node;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

/** A stable colour per domain, so a domain looks the same in every chart. */
function colour(domain) {
  let hash = 0;
  for (const c of domain) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360}, 55%, 50%)`;
}

/** The server's highlighting, rendered as text with only the <mark> elements made real. */
function highlighted(text) {
  const quote = el('blockquote');
  (text || '').split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
    if (part === '<mark>') return true;
    if (part === '</mark>') return false;
    if (part) quote.append(marked ? el('mark', {}, part) : document.createTextNode(part));
    return marked;
  }, false);
  return quote;
}

function status(feed, state) {
  document.body.dataset[feed] = state;
  const dot = document.getElementById(`${feed}-status`);
  dot.className = `dot ${state}`;
  dot.textContent = `${feed} ${state}`;
}

function follow(url, feed, eventName, onEvent) {
  const since = new Date(Date.now() - HISTORY).toISOString();
  const source = new EventSource(`${url}?since=${encodeURIComponent(since)}`);
  source.addEventListener('ready', () => status(feed, 'open'));
  source.addEventListener(eventName, (event) => onEvent(JSON.parse(event.data)));
  source.addEventListener('error', () => status(feed, source.readyState === EventSource.CLOSED ? 'error' : 'reconnecting'));
  return source;
}

function renderDocuments(freshId) {
  const list = document.getElementById('documents');
  const newest = [...documents.values()]
    .sort((a, b) => (b.classifiedAt || '').localeCompare(a.classifiedAt || ''))
    .slice(0, MAX_DOCUMENTS);
  documents.clear();
  newest.forEach((d) => documents.set(d.id, d));
  list.replaceChildren(...newest.map((d) => {
    const chips = el('div', { class: 'chips' }, ...d.domains.map((domain) => el('span', {
      class: `chip ${domain.stance}`, 'data-domain': domain.domain, 'data-stance': domain.stance,
      title: `support ${domain.sentences.support} · oppose ${domain.sentences.oppose} · neutral ${domain.sentences.neutral}`,
    }, `${domain.domain} ${Math.round(domain.score * 100)}% · ${domain.stance}`)));
    const entities = d.entities.slice(0, 6).map((entity) => el('span', { class: 'chip entity', title: entity.type },
      `${entity.name}${d.issuers.includes(entity.id) ? ' (issuer)' : ''}`));
    if (entities.length) chips.append(...entities);
    return el('li', { 'data-id': d.id, class: d.id === freshId ? 'fresh' : '' },
      el('a', { class: 'title', href: d.links.document }, d.title || d.id),
      el('div', { class: 'meta' }, `${when(d.classifiedAt)} · ${d.language}${d.source ? ` · ${d.source}` : ''}`),
      chips);
  }));
  document.getElementById('documents-empty').hidden = newest.length > 0;
}

function renderAlerts(freshId) {
  const list = document.getElementById('alerts');
  const newest = [...alerts.values()]
    .sort((a, b) => (b.raisedAt || '').localeCompare(a.raisedAt || ''))
    .slice(0, MAX_ALERTS);
  alerts.clear();
  newest.forEach((a) => alerts.set(a.id, a));
  list.replaceChildren(...newest.map((a) => el('li', { 'data-id': a.id, class: a.id === freshId ? 'fresh' : '' },
    el('div', {}, el('strong', {}, a.subscriptionName), ' → ',
      el('a', { class: 'title', href: a.documentUrl || '#' }, a.documentTitle || a.documentId)),
    el('div', { class: 'meta' }, `${when(a.raisedAt)} · ${a.passages.length} passage${a.passages.length === 1 ? '' : 's'}`),
    a.passages.length ? highlighted(a.passages[0].highlighted) : null)));
  document.getElementById('alerts-empty').hidden = newest.length > 0;
}

function renderChart() {
  const chart = document.getElementById('hourly-chart');
  const hours = stats.hourly;
  const domainNames = [...new Set(hours.flatMap((h) => Object.keys(h.domains)))].sort();
  const highest = Math.max(1, ...hours.map((h) => Object.values(h.domains).reduce((a, b) => a + b, 0)));
  const width = 480; const height = 170; const bottom = 16; const slot = width / hours.length;
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${height + bottom}`, preserveAspectRatio: 'none' });
  hours.forEach((hour, i) => {
    let y = height;
    domainNames.forEach((domain) => {
      const count = hour.domains[domain] || 0;
      if (!count) return;
      const h = (count / highest) * (height - 10);
      y -= h;
      drawing.append(svg('rect', { x: i * slot + 1, y, width: slot - 2, height: h, fill: colour(domain),
        'data-domain': domain, 'data-hour': hour.from },
      svg('title', {}, `${new Date(hour.from).getHours()}:00 — ${domain}: ${count}`)));
    });
    if (i % 3 === 0) {
      drawing.append(svg('text', { x: i * slot + 1, y: height + 12 }, `${new Date(hour.from).getHours()}h`));
    }
  });
  drawing.append(svg('text', { x: 2, y: 9 }, `max ${highest}/h`));
  chart.replaceChildren(drawing);
  document.getElementById('legend').replaceChildren(...domainNames.map((domain) => el('li', {},
    el('span', { class: 'swatch', style: `background:${colour(domain)}` }), domain)));
}

function renderDomains() {
  const name = document.querySelector('input[name=window]:checked').value;
  const window = stats.windows[name];
  document.getElementById('window-total').textContent = `${window.documents} documents`;
  const rows = Object.entries(window.domains).sort((a, b) => b[1].documents - a[1].documents);
  document.querySelector('#domains tbody').replaceChildren(...rows.map(([domain, counts]) => {
    const split = el('div', { class: 'split' });
    ['support', 'neutral', 'oppose'].forEach((stance) => {
      if (counts[stance]) {
        split.append(el('span', { class: stance, style: `flex:${counts[stance]}`, title: `${stance}: ${counts[stance]}` }));
      }
    });
    return el('tr', { 'data-domain': domain },
      el('td', {}, el('span', { class: 'swatch', style: `background:${colour(domain)}` }), domain),
      el('td', { class: 'count' }, counts.documents), el('td', {}, split));
  }));
}

async function refreshStats() {
  statsTimer = null;
  try {
    const response = await fetch('stats', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET /stats answered ${response.status}`);
    stats = await response.json();
    renderChart();
    renderDomains();
  } catch (error) {
    console.warn('stats', error);
  }
}

function statsSoon() {
  if (statsTimer === null) statsTimer = setTimeout(refreshStats, STATS_DELAY);
}

document.querySelectorAll('input[name=window]').forEach((input) => input.addEventListener('change', () => {
  if (stats) renderDomains();
}));

follow('documents/stream', 'documents', 'document', (summary) => {
  documents.set(summary.id, summary);
  renderDocuments(summary.id);
  statsSoon();
});
follow('dashboard/alerts', 'alerts', 'alert', (alert) => {
  alerts.set(alert.id, alert);
  renderAlerts(alert.id);
});
refreshStats();
setInterval(refreshStats, STATS_PERIOD);
