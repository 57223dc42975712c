/*
 * OpsDesk: the service desk's figures on Cockpit's dashboard, for supervisors and administrators.
 * For a period (default: the last 30 days) the headline figures of GET /api/reports/service, four
 * charts drawn from it (requests per day, SLA compliance by priority, backlog by group, satisfaction),
 * and GET /api/reports/at-risk: the requests breached or about to be now, each linking to its process
 * instance. Whom /api refuses the at-risk list (403) sees a one-line note instead. Chart.js is the
 * npm package's browser build, which the Maven build puts into lib/ (src/main/cockpit).
 */
import {NONE, duration, element, isoDay, lastDays, percent, readApi, reportPath} from './reports.js';

const CHART_JS = new URL('./lib/chart.umd.min.js', import.meta.url).href;
const BLUE = '#3a7bd5';
const GREEN = '#4cae4c';
const ORANGE = '#f0ad4e';
const GREY = '#8a8f98';

const HEADLINE = [
  ['opened', '新建 Opened', value => String(value)],
  ['closed', '关闭 Closed', value => String(value)],
  ['backlog', '积压 Backlog', value => String(value)],
  ['resolutionRate', '解决率 Resolution rate', percent],
  ['responseSlaCompliance', '响应达标率 Response SLA met', percent],
  ['resolutionSlaCompliance', '解决达标率 Resolution SLA met', percent],
  ['reopenRate', '重开率 Reopen rate', percent],
  ['meanSatisfaction', '平均满意度 Mean satisfaction', value => value == null ? NONE : `${value.toFixed(1)} / 5`],
  ['meanTimeToRespondMinutes', '平均响应时间 Mean time to respond', duration],
  ['meanTimeToResolveMinutes', '平均解决时间 Mean time to resolve', duration]
];

const CLOCKS = {RESPONSE: '响应 Response', RESOLUTION: '解决 Resolution'};

let charts = [];

/** Chart.js, loaded once: its UMD build sets window.Chart (the webapps' AMD loader is gone by now). */
let chartLibrary;
function chartJs() {
  chartLibrary = chartLibrary || import(CHART_JS).then(() => window.Chart);
  return chartLibrary;
}

function destroyCharts() {
  charts.forEach(chart => chart.destroy());
  charts = [];
}

/** Every day of the period, so that days without requests show as zero. */
function daysOf({from, to}) {
  const days = [];
  const [y, m, d] = from.split('-').map(Number);
  for (let day = new Date(y, m - 1, d); isoDay(day) <= to && days.length < 400; day.setDate(day.getDate() + 1)) {
    days.push(isoDay(day));
  }
  return days;
}

function figure(title, id) {
  const box = element('figure', {class: 'opsdesk-chart', 'data-chart': id});
  const caption = element('figcaption', {}, title);
  const holder = element('div', {class: 'opsdesk-chart-canvas'});
  const canvas = element('canvas', {role: 'img', 'aria-label': title});
  const empty = element('p', {class: 'opsdesk-empty', hidden: ''}, '该时段没有数据 No data for this period');
  holder.append(canvas);
  box.append(caption, holder, empty);
  return {box, canvas, caption, empty};
}

const percentAxis = {min: 0, max: 100, ticks: {callback: value => `${value} %`}};
const countAxis = {beginAtZero: true, ticks: {precision: 0}};

function draw(Chart, slot, config, hasData) {
  slot.empty.hidden = hasData;
  slot.canvas.parentElement.hidden = !hasData;
  if (hasData) {
    config.options = {animation: false, maintainAspectRatio: false, responsive: true, ...config.options};
    charts.push(new Chart(slot.canvas, config));
  }
}

function drawCharts(Chart, slots, report, period) {
  destroyCharts();
  const byDay = report.byDay || {};
  const days = daysOf(period);
  const perDay = key => days.map(day => (byDay[day] || {})[key] || 0);
  draw(Chart, slots.perDay, {
    type: 'bar',
    // Month and day only: the period's dates stand above the figures.
    data: {labels: days.map(day => day.slice(5)), datasets: [
      {label: '新建 Opened', data: perDay('opened'), backgroundColor: BLUE},
      {label: '关闭 Closed', data: perDay('closed'), backgroundColor: GREEN}]},
    options: {scales: {y: countAxis}}
  }, days.some(day => byDay[day] && (byDay[day].opened || byDay[day].closed)));

  const byPriority = report.byPriority || {};
  const priorities = Object.keys(byPriority);
  const share = (key, p) => byPriority[p][key] == null ? null : Math.round(byPriority[p][key] * 1000) / 10;
  const measured = p => byPriority[p].responseSlaCompliance != null || byPriority[p].resolutionSlaCompliance != null;
  // Under each priority its two rates as text: a bar of 0 % and a clock not measured (—) look alike.
  const rates = p => `${percent(byPriority[p].responseSlaCompliance)} / ${percent(byPriority[p].resolutionSlaCompliance)}`;
  draw(Chart, slots.compliance, {
    type: 'bar',
    data: {labels: priorities.map(p => [p, rates(p)]), datasets: [
      {label: '响应 Response', data: priorities.map(p => share('responseSlaCompliance', p)), backgroundColor: ORANGE},
      {label: '解决 Resolution', data: priorities.map(p => share('resolutionSlaCompliance', p)), backgroundColor: BLUE}]},
    options: {scales: {y: percentAxis}}
  }, priorities.some(measured));

  const byGroup = report.byGroup || {};
  const groups = Object.keys(byGroup).sort((a, b) => (byGroup[b].backlog || 0) - (byGroup[a].backlog || 0));
  draw(Chart, slots.backlog, {
    type: 'bar',
    data: {labels: groups, datasets: [
      {label: '积压 Backlog', data: groups.map(g => byGroup[g].backlog || 0), backgroundColor: GREY}]},
    options: {indexAxis: 'y', scales: {x: countAxis}, plugins: {legend: {display: false}}}
  }, groups.some(g => byGroup[g].backlog));

  const counts = report.satisfactionCounts || {};
  const scores = ['1', '2', '3', '4', '5'];
  slots.satisfaction.caption.textContent = '满意度 Satisfaction' + (report.meanSatisfaction == null ? ''
    : ` (平均 mean ${report.meanSatisfaction.toFixed(1)})`);
  draw(Chart, slots.satisfaction, {
    type: 'bar',
    data: {labels: scores.map(s => `${s} ★`), datasets: [
      {label: '评分次数 Ratings', data: scores.map(s => counts[s] || 0), backgroundColor: GREEN}]},
    options: {scales: {y: countAxis}, plugins: {legend: {display: false}}}
  }, scores.some(s => counts[s]));
}

function fillHeadline(list, report) {
  list.replaceChildren();
  HEADLINE.forEach(([key, label, format]) => {
    const item = element('div', {class: 'opsdesk-figure'});
    item.append(element('dt', {}, label), element('dd', {'data-figure': key}, format(report[key])));
    list.append(item);
  });
}

function when(instant) {
  return new Date(instant).toLocaleString(document.documentElement.lang || undefined,
    {dateStyle: 'medium', timeStyle: 'short'});
}

function fillAtRisk(body, rows) {
  body.replaceChildren();
  if (!rows.length) {
    const tr = element('tr');
    tr.append(element('td', {colspan: '8', class: 'opsdesk-empty'}, '目前没有已超时或即将超时的请求 No request is breached or about to be'));
    body.append(tr);
    return;
  }
  rows.forEach(row => {
    const tr = element('tr', {'data-ticket': row.ticketId, class: row.breached ? 'opsdesk-breached' : 'opsdesk-due-soon'});
    const ticket = element('td');
    ticket.append(element('a', {href: `#/process-instance/${encodeURIComponent(row.processInstanceId)}/runtime`}, row.ticketId));
    const left = row.breached ? `已超时 Breached ${duration(-row.minutesLeft)}` : `剩余 ${duration(row.minutesLeft)} left`;
    tr.append(ticket, element('td', {}, row.subject), element('td', {}, row.priority), element('td', {}, row.candidateGroup),
      element('td', {}, row.status), element('td', {}, CLOCKS[row.clock] || row.clock), element('td', {}, when(row.dueAt)),
      element('td', {class: 'opsdesk-left'}, left));
    body.append(tr);
  });
}

function atRiskTable() {
  const table = element('table', {class: 'cam-table opsdesk-at-risk'});
  const head = element('tr');
  ['工单 Ticket', '主题 Subject', '优先级 Priority', '处理组 Group', '状态 Status', '时限 SLA clock', '到期 Due',
    '剩余 Time left'].forEach(label => head.append(element('th', {}, label)));
  const thead = element('thead');
  thead.append(head);
  const body = element('tbody');
  table.append(thead, body);
  return {table, body};
}

async function render(node, api) {
  const root = element('div', {class: 'opsdesk-dashboard'});
  node.append(root);
  let atRisk;
  try {
    atRisk = await readApi(api, 'reports/at-risk');
  } catch (error) {
    root.append(element('p', {class: 'text-muted'}, error.status === 403
      ? '服务台报表仅供主管和管理员查看 The service desk report is for supervisors and administrators'
      : '服务台报表暂不可用 The service desk report is not available: ' + error.message));
    return;
  }

  const period = lastDays(30);
  const form = element('form', {class: 'form-inline opsdesk-period'});
  const from = element('input', {type: 'date', class: 'form-control', name: 'from', required: ''});
  const to = element('input', {type: 'date', class: 'form-control', name: 'to', required: ''});
  from.value = period.from;
  to.value = period.to;
  const label = (text, input) => {
    const wrap = element('label', {}, text + ' ');
    wrap.append(input);
    return wrap;
  };
  form.append(element('h3', {}, '服务台报表 Service desk report'), label('从 From', from), ' ', label('到 To', to), ' ',
    element('button', {type: 'submit', class: 'btn btn-default'}, '显示 Show'));
  const status = element('p', {class: 'opsdesk-status', role: 'status'});
  const headline = element('dl', {class: 'opsdesk-headline'});
  const grid = element('div', {class: 'opsdesk-charts'});
  const slots = {
    perDay: figure('每日请求 Requests per day', 'per-day'),
    compliance: figure('各优先级 SLA 达标率 SLA met by priority', 'compliance'),
    backlog: figure('各处理组积压 Backlog by group', 'backlog'),
    satisfaction: figure('满意度 Satisfaction', 'satisfaction')
  };
  Object.values(slots).forEach(slot => grid.append(slot.box));
  const risk = atRiskTable();
  root.append(form, status, headline, grid,
    element('h3', {}, '当前已超时或即将超时 Breached or due soon, now'), risk.table);
  fillAtRisk(risk.body, atRisk);

  const show = async () => {
    const chosen = {from: from.value, to: to.value};
    if (!chosen.from || !chosen.to || chosen.from > chosen.to) {
      status.textContent = '请选择开始不晚于结束的时段 Choose a period whose start is not after its end';
      return;
    }
    status.textContent = '加载中 Loading…';
    try {
      const [report, Chart, rows] = await Promise.all([readApi(api, reportPath(chosen)), chartJs(),
        readApi(api, 'reports/at-risk')]);
      fillHeadline(headline, report);
      drawCharts(Chart, slots, report, chosen);
      fillAtRisk(risk.body, rows);
      status.textContent = `${chosen.from} – ${chosen.to}`;
      root.dataset.period = `${chosen.from}/${chosen.to}`;
    } catch (error) {
      status.textContent = '未能加载报表 The report could not be loaded: ' + error.message;
    }
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    show();
  });
  await show();
}

export default {
  id: 'opsdesk-service-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render(node, {api}) {
    render(node, api);
  },
  unmount: destroyCharts
};
