// OpsDesk's Cockpit settings (replaces the webjar's app/cockpit/scripts/config.js).
import {settings} from '../../../assets/opsdesk-webapps.js';

export default {
  ...settings('Cockpit', '流程监控'),
  // The dates in Cockpit's tables in the reader's locale: scripts/opsdesk-dates.js. Operations offered
  // only to those who may take them: scripts/opsdesk-operations.js. For supervisors and administrators,
  // the service desk's figures on the dashboard (opsdesk/dashboard.js) and where time goes in a service
  // request on its diagram (opsdesk/time-overlay.js).
  customScripts: ['scripts/opsdesk-dates.js', 'scripts/opsdesk-operations.js', 'opsdesk/dashboard.js',
    'opsdesk/time-overlay.js'],
  requireJsConfig: {ngDeps: ['opsdesk.dates', 'opsdesk.operations']}
};
