// OpsDesk's Cockpit settings (replaces the webjar's app/cockpit/scripts/config.js).
import {settings} from '../../../assets/opsdesk-webapps.js';

export default {
  ...settings('Cockpit', '流程监控'),
  // The dates in Cockpit's tables in the reader's locale: see scripts/opsdesk-dates.js.
  customScripts: ['scripts/opsdesk-dates.js'],
  requireJsConfig: {ngDeps: ['opsdesk.dates']}
};
