/*
 * OpsDesk: where time goes in a service request. On the diagram of process service-request in Cockpit,
 * each user task shows how often it was worked on in the last 30 days, with its mean and 90th-percentile
 * duration: the report's `phases` (GET /api/reports/service), keyed by the task's id. Only for
 * supervisors and administrators: for whom /api refuses the at-risk list nothing is drawn.
 */
import {duration, element, lastDays, readApi, reportPath} from './reports.js';

const PROCESS = 'service-request';

export default {
  id: 'opsdesk-where-time-goes',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 10,
  async render(viewer, {api}) {
    // The diagram's process id is its key, whichever version Cockpit shows.
    const root = viewer.get('canvas').getRootElement();
    if (!root || !root.businessObject || root.businessObject.id !== PROCESS) {
      return;
    }
    let report;
    try {
      [report] = await Promise.all([readApi(api, reportPath(lastDays(30))), readApi(api, 'reports/at-risk')]);
    } catch (error) {
      return;
    }
    const registry = viewer.get('elementRegistry');
    const overlays = viewer.get('overlays');
    Object.entries(report.phases || {}).forEach(([taskId, phase]) => {
      const task = registry.get(taskId);
      if (!task || task.type !== 'bpmn:UserTask') {
        return;
      }
      const badge = element('div', {class: 'opsdesk-time', 'data-phase': taskId,
        title: '过去 30 天 Last 30 days: 次数 count, 平均 mean, P90'});
      badge.append(element('div', {}, `${phase.count} 次 times`),
        element('div', {}, `平均 mean ${duration(phase.meanMinutes)}`),
        element('div', {}, `P90 ${duration(phase.p90Minutes)}`));
      overlays.add(taskId, 'opsdesk-time', {position: {bottom: -6, left: 0}, html: badge});
    });
  }
};
