// OpsDesk's Welcome settings (replaces the webjar's app/welcome/scripts/config.js).
import {settings} from '../../../assets/opsdesk-webapps.js';

export default settings('Welcome', '欢迎页');
