// OpsDesk's Admin settings (replaces the webjar's app/admin/scripts/config.js).
import {settings} from '../../../assets/opsdesk-webapps.js';

export default settings('Admin', '系统管理');
